package com.cspchannel.notification;

import com.cspchannel.infra.FreePorts;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) in the test JVM, on a free loopback port that stays the same across
 * {@link #stop()} and {@link #start()}, so a test can take it away and bring it back.
 */
final class TestSmtp {

    private static TestSmtp shared;

    private final int port = FreePorts.next();
    private GreenMail server;
    /** What earlier (stopped) servers received. */
    private List<Mail> received = List.of();

    /** One server per JVM, started on first use. */
    static synchronized TestSmtp shared() {
        if (shared == null) {
            shared = new TestSmtp();
            shared.start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "greenmail-stop"));
        }
        return shared;
    }

    int port() {
        return port;
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** Stops the server: connections are refused until {@link #start()}. What it received so far is kept. */
    synchronized void stop() {
        if (server != null) {
            received = all();
            server.stop();
            server = null;
        }
    }

    /** A received message: envelope recipient, headers and text as a mail client would show them. */
    record Mail(String to, String from, String subject, String body, String language, String notificationType,
                String notificationId) {
    }

    /** Every message received since the JVM started. */
    synchronized List<Mail> all() {
        List<Mail> mails = new java.util.ArrayList<>(received);
        if (server != null) {
            Arrays.stream(server.getReceivedMessages()).map(TestSmtp::mail).forEach(mails::add);
        }
        return List.copyOf(mails);
    }

    List<Mail> to(String address) {
        return all().stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
    }

    private static Mail mail(MimeMessage message) {
        try {
            return new Mail(((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress(),
                    ((InternetAddress) message.getFrom()[0]).getAddress(), message.getSubject(),
                    message.getContent().toString().replace("\r\n", "\n"), message.getHeader("Content-Language", ","),
                    message.getHeader("X-CSP-Notification-Type", ","), message.getHeader("X-CSP-Notification-Id", ","));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
