package com.cspchannel.partnership.page;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import com.cspchannel.partnership.command.PartnershipService;
import com.cspchannel.partnership.query.InvitationEntry;
import com.cspchannel.partnership.query.PartnershipEntry;
import com.cspchannel.partnership.query.PartnershipQueries;
import com.cspchannel.partnership.query.ProviderEntry;
import com.cspchannel.partnership.web.InvitationLinks;
import com.cspchannel.platform.domain.DomainRuleViolation;
import com.cspchannel.platform.idempotency.ClientRequest;
import com.cspchannel.platform.security.Caller;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The page an invitation link opens (the default link of {@link InvitationLinks}): the reseller sees who invites
 * it and signs in as its Global admin to accept. Accepting goes through {@link PartnershipService#accept}, the
 * API's command with the API's rules (single use, the signed-in reseller's tenant, expiry, revocation). Not part
 * of the API document: it answers HTML to people, not JSON to programs.
 */
@Hidden
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Controller
@RequestMapping(InvitationLinks.PAGE_PATH)
class InvitationPageController {

    static final String VIEW = "invitation";

    private final PartnershipService partnerships;
    private final PartnershipQueries queries;
    private final SignedInUsers users;
    private final Clock clock;

    InvitationPageController(PartnershipService partnerships, PartnershipQueries queries, SignedInUsers users,
                             Clock clock) {
        this.partnerships = partnerships;
        this.queries = queries;
        this.users = users;
        this.clock = clock;
    }

    @GetMapping("{token}")
    String show(@PathVariable String token, Model model, HttpServletResponse response) {
        return render(token, model, response, null, HttpStatus.OK);
    }

    /** Needs a signed-in person (the security chain sends others to sign in first), then back to the page. */
    @GetMapping("{token}/sign-in")
    String signedIn(@PathVariable String token) {
        return "redirect:" + pagePath(token);
    }

    @PostMapping("{token}/accept")
    String accept(@PathVariable String token, @RequestParam(required = false) String requestId, Model model,
                  HttpServletResponse response, RedirectAttributes redirect) {
        Optional<Caller> caller = users.current();
        Optional<InvitationEntry> invitation = partnerships.invitationOfLink(token);
        if (caller.isEmpty()) {
            return render(token, model, response, new InvitationPage.Notice("sign-in-required",
                    "Please sign in again", "Your sign-in has ended. Sign in again to accept; nothing was changed."),
                    HttpStatus.UNAUTHORIZED);
        }
        if (invitation.isEmpty()) {
            return render(token, model, response, null, HttpStatus.NOT_FOUND);
        }
        InvitationPage page = page(token, invitation.get(), caller);
        if (page.problem() != null && page.state() == InvitationEntry.State.pending) {
            return render(token, model, response, null, HttpStatus.FORBIDDEN);
        }
        try {
            PartnershipEntry partnership = partnerships.accept(token, caller.get().tenantId(),
                    caller.get().userId(), ClientRequest.of(requestId, null)).value();
            redirect.addFlashAttribute("acceptedWith", partnership.providerName());
            return "redirect:" + pagePath(token);
        } catch (DomainRuleViolation refused) {
            // the invitation's own state (used, expired, revoked) reads best from the page; other rules as the API
            // words them (another region, a suspended reseller, a link older than a removal)
            InvitationPage now = page(token, partnerships.invitationOfLink(token).orElseThrow(), caller);
            InvitationPage.Notice notice = now.problem() != null ? now.problem()
                    : new InvitationPage.Notice(refused.code(), "The invitation could not be accepted",
                    refused.getMessage());
            return render(token, model, response, notice, status(refused.kind()));
        }
    }

    private String render(String token, Model model, HttpServletResponse response, InvitationPage.Notice notice,
                          HttpStatus status) {
        Optional<Caller> caller = users.current();
        Optional<InvitationPage> page = partnerships.invitationOfLink(token).map(i -> page(token, i, caller));
        model.addAttribute("token", token);
        model.addAttribute("caller", caller.orElse(null));
        model.addAttribute("page", page.orElse(null));
        InvitationPage.Notice problem = notice != null ? notice
                : page.map(InvitationPage::problem).orElse(InvitationPage.NOT_FOUND);
        if (model.containsAttribute("acceptedWith")) {
            problem = null; // just accepted: the page says so instead of "already used"
        }
        model.addAttribute("problem", problem);
        response.setStatus(page.isEmpty() ? HttpStatus.NOT_FOUND.value() : status.value());
        if (page.map(InvitationPage::mayAccept).orElse(false)) {
            // the acceptance's client request id: submitting this form twice accepts once and answers the same
            model.addAttribute("requestId", UUID.randomUUID().toString());
        }
        return VIEW;
    }

    private InvitationPage page(String token, InvitationEntry invitation, Optional<Caller> caller) {
        ProviderEntry provider = queries.provider(invitation.providerTenantId()).orElseThrow();
        return InvitationPage.of(token, invitation, provider, caller, clock.instant());
    }

    /** The page's own path: the token encoded as one path segment, so that a redirect never leaves the page. */
    static String pagePath(String token) {
        return InvitationLinks.PAGE_PATH + UriUtils.encodePathSegment(token, StandardCharsets.UTF_8);
    }

    private static HttpStatus status(DomainRuleViolation.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case PRECONDITION_FAILED -> HttpStatus.PRECONDITION_FAILED;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }
}
