package com.cspchannel.notification.delivery;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

import java.net.ConnectException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which delivery failures are worth another attempt, shaped as Spring's JavaMailSender reports them. */
class SmtpFailuresTest {

    @Test
    void aRefusedConnectionIsTemporary() {
        var refused = new MailConnectException(new SocketConnectException("Couldn't connect to host",
                new ConnectException("Connection refused"), "127.0.0.1", 2525, 5000));
        var failure = SmtpFailures.classify(new MailSendException("Mail server connection failed", refused, Map.of()));
        assertThat(failure.permanent()).isFalse();
        assertThat(failure.reason()).startsWith("SMTP server unreachable").contains("Connection refused");
    }

    @Test
    void aRecipientRefusedWith5xxIsPermanentAnd4xxTemporary() throws Exception {
        InternetAddress to = new InternetAddress("nobody@example.com");
        var unknownUser = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(to, "RCPT TO", 550, "5.1.1 user unknown"));
        var permanent = SmtpFailures.classify(new MailSendException(Map.of(new Object(), unknownUser)));
        assertThat(permanent.permanent()).isTrue();
        assertThat(permanent.reason()).isEqualTo("SMTP 550: 5.1.1 user unknown");

        var greylisted = new SendFailedException("Invalid Addresses",
                new SMTPAddressFailedException(to, "RCPT TO", 451, "4.7.1 try again later"));
        var temporary = SmtpFailures.classify(new MailSendException(Map.of(new Object(), greylisted)));
        assertThat(temporary.permanent()).isFalse();
        assertThat(temporary.reason()).contains("451");
    }

    @Test
    void aMessageRefusedWith4xxAfterDataIsTemporary() {
        var busy = new SMTPSendFailedException("DATA", 421, "4.3.2 service shutting down", null, null, null, null);
        assertThat(SmtpFailures.classify(new MailSendException(Map.of(new Object(), busy))).permanent()).isFalse();
        var rejected = new SMTPSendFailedException("DATA", 554, "5.7.1 rejected as spam", null, null, null, null);
        assertThat(SmtpFailures.classify(new MailSendException(Map.of(new Object(), rejected))).permanent()).isTrue();
    }

    @Test
    void anAddressThatCannotBeOneIsPermanent() {
        MessagingException invalid = new AddressException("Missing final '@domain'", "fabrikam.example");
        var failure = SmtpFailures.classify(invalid);
        assertThat(failure.permanent()).isTrue();
        assertThat(failure.reason()).startsWith("invalid message or address");
    }

    @Test
    void failedAuthenticationAndUnknownFailuresAreTemporarySoTheyAreRetriedBoundedly() {
        var auth = new MailAuthenticationException(new AuthenticationFailedException("535 bad credentials"));
        assertThat(SmtpFailures.classify(auth).permanent()).isFalse();
        assertThat(SmtpFailures.classify(auth).reason()).contains("authentication");
        assertThat(SmtpFailures.classify(new MailSendException("something odd")).permanent()).isFalse();
    }
}
