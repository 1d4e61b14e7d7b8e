package com.cspchannel.partnership.page;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import com.cspchannel.platform.security.CspSecurityProperties;
import com.cspchannel.platform.security.PartnerType;
import com.cspchannel.platform.security.Role;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The pages' sign-in: a button per configured OpenID Connect issuer (production) and, only where the API takes
 * development tokens, the development sign-in, where a person states the tenant and role to act as. After
 * signing in, the person is back where sign-in was asked for (the invitation's page).
 */
@Hidden
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Controller
class SignInController {

    static final String PATH = "/sign-in";
    private static final List<Role> TENANT_ROLES =
            List.of(Role.GlobalAdmin, Role.AdminAgent, Role.SalesAgent, Role.HelpdeskAgent);

    private final SignInOptions options;
    private final SignedInUsers users;
    private final DevelopmentTokens developmentTokens;
    private final SavedRequestAwareAuthenticationSuccessHandler backToThePage =
            new SavedRequestAwareAuthenticationSuccessHandler();

    SignInController(SignInOptions options, SignedInUsers users, CspSecurityProperties csp, JwtDecoder decoder,
                     Clock clock) {
        this.options = options;
        this.users = users;
        this.developmentTokens = options.development() ? new DevelopmentTokens(csp, decoder, clock) : null;
        backToThePage.setDefaultTargetUrl(PATH);
    }

    @GetMapping(PATH)
    String signIn(@RequestParam(required = false) String error, Model model) {
        if (error != null) {
            model.addAttribute("problem", "account".equals(error)
                    ? "Your account's token does not name a CSP organisation and role this service accepts. Ask "
                    + "your administrator to check the account."
                    : "Signing in did not succeed. Try again.");
        }
        return form(model, "reseller", null, Role.GlobalAdmin.name(), "", Map.of());
    }

    @PostMapping(PATH)
    String developmentSignIn(@RequestParam(required = false) String tenantId,
                             @RequestParam(required = false) String partnerType,
                             @RequestParam(required = false) String role,
                             @RequestParam(required = false) String name,
                             Model model, HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        if (developmentTokens == null) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return form(model, partnerType, tenantId, role, name, Map.of());
        }
        Map<String, String> errors = new LinkedHashMap<>();
        UUID tenant = null;
        try {
            tenant = UUID.fromString(tenantId == null ? "" : tenantId.trim());
        } catch (IllegalArgumentException e) {
            errors.put("tenantId", "Enter your organisation's tenant id, a UUID such as "
                    + "22222222-2222-4222-8222-222222222222.");
        }
        PartnerType type = PartnerType.parse(partnerType).filter(t -> t != PartnerType.platform).orElse(null);
        if (type == null) {
            errors.put("partnerType", "Choose whether your organisation is a reseller or a provider.");
        }
        Role chosen = Role.parse(role).filter(TENANT_ROLES::contains).orElse(null);
        if (chosen == null) {
            errors.put("role", "Choose your role.");
        }
        String user = name == null || name.isBlank() ? "development-user" : name.strip();
        if (user.length() > 100 || user.chars().anyMatch(Character::isISOControl)) {
            errors.put("name", "Enter a name of at most 100 characters.");
        }
        if (!errors.isEmpty()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return form(model, partnerType, tenantId, role, name, errors);
        }
        Jwt token = developmentTokens.issue(tenant, type, chosen, user);
        users.signIn(token, request, response);
        backToThePage.onAuthenticationSuccess(request, response,
                SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication());
        return null;
    }

    private String form(Model model, String partnerType, String tenantId, String role, String name,
                        Map<String, String> errors) {
        model.addAttribute("development", options.development());
        model.addAttribute("issuers", options.issuers());
        model.addAttribute("caller", users.current().orElse(null));
        model.addAttribute("roles", TENANT_ROLES.stream().map(Role::name).toList());
        model.addAttribute("partnerType", partnerType);
        model.addAttribute("tenantId", tenantId);
        model.addAttribute("role", role);
        model.addAttribute("name", name);
        model.addAttribute("errors", errors);
        return "sign-in";
    }
}
