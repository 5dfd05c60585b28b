package org.datasharing.registry.web.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import org.datasharing.registry.dev.GreenMailDevService;
import org.junit.jupiter.api.Test;

/**
 * The mail dev service runs the real GreenMail standalone jar the build copies: a message sent to
 * its SMTP port is readable over its REST API, as the README says.
 */
class GreenMailDevServiceIntegrationTest {

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void messageSentOverSmtp_isReadableOverTheRestApi() throws Exception {
    int smtp = freePort();
    int api = freePort();
    try (GreenMailDevService mail =
        GreenMailDevService.start(GreenMailDevService.jar(), smtp, api)) {
      assertThat(mail.started()).isTrue();
      Properties p = new Properties();
      p.put("mail.smtp.host", "localhost");
      p.put("mail.smtp.port", Integer.toString(smtp));
      MimeMessage m = new MimeMessage(Session.getInstance(p));
      m.setFrom(new InternetAddress("registry@localhost"));
      m.setRecipient(Message.RecipientType.TO, new InternetAddress("dpo@example.org"));
      m.setSubject("Decision needed: dev service check");
      m.setText("hello");
      Transport.send(m);

      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(mail.webUrl() + "/api/user/dpo@example.org/messages/"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("Decision needed: dev service check");
    }
  }
}
