package io.jstan.broker.monitor;

import java.nio.charset.StandardCharsets;

/** The HTML index at "/": a link to every endpoint, as nats-server's page. */
final class RootPage {
    private static final String DOCS = "https://docs.nats.io/running-a-nats-service/nats_admin/monitoring";

    private RootPage() {
    }

    static byte[] html() {
        return ("""
                <html lang="en">
                  <head>
                    <title>jstan monitoring</title>
                    <style type="text/css">
                      body { font-family: ui-sans-serif, system-ui, sans-serif; margin-left: 32px }
                      a { display: block; margin-left: 7px; padding-bottom: 6px; color: rgb(72 72 92); text-decoration: none }
                      a:hover { font-weight: 600; color: rgb(59 50 202) }
                      a.last { padding-bottom: 16px }
                      a.help { display: inline; font-weight: 600; color: rgb(59 50 202) }
                    </style>
                  </head>
                  <body>
                    <h1>jstan</h1>
                    <p>v%s</p>
                    <a href=./varz>General</a>
                    <a href=./connz>Connections</a>
                    <a href=./subsz>Subscriptions</a>
                    <a href=./healthz class=last>Health Probe</a>
                    <a href=%s class=help>Help</a>
                  </body>
                </html>
                """.formatted(JstanVersion.get(), DOCS)).getBytes(StandardCharsets.UTF_8);
    }
}
