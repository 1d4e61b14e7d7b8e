package com.cspchannel.partnership.page;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import com.cspchannel.platform.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Who is signed in on the pages: the session holds the same kind of token the API takes, validated by the API's
 * decoder, so that a page acts for exactly the {@link Caller} that token would be on the API. The sign-in lasts
 * as long as the token: past its expiry the person signs in again.
 */
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Component
public class SignedInUsers {

    private final SecurityContextHolderStrategy holder = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    private final CsrfTokenRepository csrfTokens = new HttpSessionCsrfTokenRepository();
    private final Clock clock;

    public SignedInUsers(Clock clock) {
        this.clock = clock;
    }

    /** The signed-in caller, while its token is valid. */
    public Optional<Caller> current() {
        Authentication authentication = holder.getContext().getAuthentication();
        if (authentication instanceof PageSignIn signedIn && signedIn.token().getExpiresAt() != null
                && signedIn.token().getExpiresAt().isAfter(clock.instant())) {
            return Optional.of(Caller.of(signedIn.token()));
        }
        return Optional.empty();
    }

    /**
     * Signs {@code token}'s caller in for this browser session: a new session id (the one before sign-in may have
     * been planted) and a new CSRF token.
     */
    void signIn(Jwt token, HttpServletRequest request, HttpServletResponse response) {
        request.getSession(true);
        request.changeSessionId();
        csrfTokens.saveToken(null, request, response);
        SecurityContext context = holder.createEmptyContext();
        context.setAuthentication(new PageSignIn(token));
        holder.setContext(context);
        sessions.saveContext(context, request, response);
    }

    /**
     * A page session's sign-in. Not the resource server's {@code JwtAuthenticationToken}: that one is transient by
     * design (a bearer token is never kept in a session), and this is the one place where the token is kept.
     */
    static final class PageSignIn extends AbstractAuthenticationToken {

        private final Jwt token;

        PageSignIn(Jwt token) {
            super(List.of());
            this.token = token;
            setAuthenticated(true);
        }

        Jwt token() {
            return token;
        }

        @Override
        public Object getCredentials() {
            return token;
        }

        @Override
        public Object getPrincipal() {
            return token.getSubject();
        }
    }
}
