package com.cspchannel.infra;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server with a mailbox (GreenMail) in this JVM, on loopback ports that stay the same across
 * {@link #stop()} and {@link #start()}, so that a test can take it away and bring it back. Every mail it receives
 * can also be read over IMAP (user and password: the recipient's address) and, with {@link #saveTo}, as an
 * {@code .eml} file any mail client opens: the local stack's mailbox.
 */
public final class MailServer implements AutoCloseable {

    private static MailServer shared;

    private final int smtpPort;
    private final int imapPort;
    private GreenMail server;
    /** What earlier (stopped) servers received. */
    private List<Mail> received = List.of();
    private int saved;
    /** The number of the first file {@link #saveTo} writes: after those an earlier run left in the directory. */
    private int firstFile = -1;

    public MailServer(int smtpPort, int imapPort) {
        this.smtpPort = smtpPort;
        this.imapPort = imapPort;
    }

    /** One server per JVM on free ports, started on first use. */
    public static synchronized MailServer shared() {
        if (shared == null) {
            shared = new MailServer(FreePorts.next(), FreePorts.next());
            shared.start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop, "mail-server-stop"));
        }
        return shared;
    }

    public int smtpPort() {
        return smtpPort;
    }

    public int imapPort() {
        return imapPort;
    }

    public synchronized MailServer start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup[] {
                    new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
            // GreenMail gives each recipient a mailbox on the first mail, with its address as user and password
            server.start();
        }
        return this;
    }

    /** Stops the server: connections are refused until {@link #start()}. What it received so far is kept. */
    public synchronized void stop() {
        if (server != null) {
            received = all();
            server.stop();
            server = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** A received message: envelope recipient, headers and text as a mail client would show them. */
    public record Mail(String to, String from, String subject, String body, String language, String notificationType,
                       String notificationId) {
    }

    /** Every message received since this server was first started. */
    public synchronized List<Mail> all() {
        List<Mail> mails = new ArrayList<>(received);
        if (server != null) {
            Arrays.stream(server.getReceivedMessages()).map(MailServer::mail).forEach(mails::add);
        }
        return List.copyOf(mails);
    }

    public List<Mail> to(String address) {
        return all().stream().filter(m -> m.to().equalsIgnoreCase(address)).toList();
    }

    /**
     * Writes the messages received since the last call into {@code directory}, one {@code .eml} file each
     * ({@code 0001-<recipient>.eml}, ..., numbered on after the files an earlier run left there); the number of
     * files written.
     */
    public synchronized int saveTo(Path directory) {
        if (server == null) {
            return 0;
        }
        MimeMessage[] messages = server.getReceivedMessages();
        int written = 0;
        try {
            Files.createDirectories(directory);
            if (firstFile < 0) {
                try (var files = Files.list(directory)) {
                    firstFile = (int) files.filter(f -> f.toString().endsWith(".eml")).count();
                }
            }
            for (; saved < messages.length; saved++, written++) {
                MimeMessage message = messages[saved];
                String to = ((InternetAddress) message.getRecipients(Message.RecipientType.TO)[0]).getAddress();
                Path file = directory.resolve(String.format("%04d-%s.eml", firstFile + saved + 1,
                        to.replaceAll("[^A-Za-z0-9@._-]", "_")));
                try (OutputStream out = Files.newOutputStream(file)) {
                    message.writeTo(out);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot write a received mail", e);
        }
        return written;
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
