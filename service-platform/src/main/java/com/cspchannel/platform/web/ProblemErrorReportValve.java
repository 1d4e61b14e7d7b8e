package com.cspchannel.platform.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.Writer;

/**
 * The answer of an error the servlet container decides on its own, before any application code runs (an
 * encoded slash in the path, a header too large, a malformed request line): a problem-details body like every
 * other error, instead of Tomcat's HTML page. It says nothing about the server or the request.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        // a 400 here is a request refused before the service, as the firewall's own refusals are named
        String code = status == 400 ? PlatformProblem.REJECTED_REQUEST.code() : Problems.codeOf(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status < 500 ? "The request was refused before it reached the service: check its URL (no "
                + "encoded slashes or control characters) and the size of its headers."
                : "Something went wrong on our side.";
        String body = "{\"type\":\"" + Problems.TYPE_BASE + code + "\",\"title\":\"" + title + "\",\"status\":"
                + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away: there is no one left to answer
        }
    }
}
