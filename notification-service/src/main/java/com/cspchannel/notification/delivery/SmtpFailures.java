package com.cspchannel.notification.delivery;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Tells a temporary delivery failure (worth another attempt later) from a permanent one (recorded, never retried):
 * an SMTP reply code 5xx or an address that cannot be an address is permanent; a 4xx reply, a refused or timed-out
 * connection, or anything unknown is temporary, so a passing outage never loses a notification.
 */
public final class SmtpFailures {

    /** A classified failure with a short reason for the delivery log (no stack trace). */
    public record Failure(boolean permanent, String reason) {
    }

    private SmtpFailures() {
    }

    public static Failure classify(Exception failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            int code = replyCode(t);
            if (code >= 500) {
                return new Failure(true, "SMTP " + code + ": " + oneLine(t.getMessage()));
            }
            if (code >= 400) {
                return new Failure(false, "SMTP " + code + ": " + oneLine(t.getMessage()));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof AddressException || t instanceof MailParseException
                    || t instanceof MailPreparationException) {
                return new Failure(true, "invalid message or address: " + oneLine(t.getMessage()));
            }
        }
        for (Throwable t : chain) {
            if (t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException) {
                return new Failure(false, "SMTP server unreachable: " + describe(t));
            }
            if (t instanceof AuthenticationFailedException) {
                return new Failure(false, "SMTP authentication failed (check SPRING_MAIL_USERNAME/PASSWORD): "
                        + oneLine(t.getMessage()));
            }
        }
        Throwable root = chain.get(chain.size() - 1);
        return new Failure(false, describe(root));
    }

    private static int replyCode(Throwable t) {
        if (t instanceof SMTPAddressFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSenderFailedException e) {
            return e.getReturnCode();
        }
        if (t instanceof SMTPSendFailedException e) {
            return e.getReturnCode();
        }
        return -1;
    }

    /** The failure, its causes and (for Spring's MailSendException) each failed message's exception. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>(List.of(failure));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(0);
            if (t == null || !seen.add(t)) {
                continue;
            }
            chain.add(t);
            if (t instanceof MailSendException send) {
                todo.addAll(List.of(send.getMessageExceptions()));
            }
            if (t instanceof MessagingException messaging) {
                todo.add(messaging.getNextException());
            }
            todo.add(t.getCause());
        }
        return chain;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null ? "" : ": " + oneLine(t.getMessage());
        return t.getClass().getSimpleName() + message;
    }

    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
