package io.jstan.broker.monitor;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The HTML index at "/": a link to every endpoint, as nats-server's page, and to the /streaming
 * endpoints once a streaming server is attached.
 */
final class RootPage implements PlainEndpoint {
    private static final String HTML = "text/html; charset=utf-8";
    private static final String DOCS = "https://docs.nats.io/running-a-nats-service/nats_admin/monitoring";
    private static final List<Link> NATS_LINKS = List.of(
            new Link("varz", "General"),
            new Link("jsz", "JetStream"),
            new Link("connz", "Connections"),
            new Link("accountz", "Accounts"),
            new Link("accstatz", "Account Stats"),
            new Link("subsz", "Subscriptions"),
            new Link("routez", "Routes"),
            new Link("leafz", "LeafNodes"),
            new Link("gatewayz", "Gateways"),
            new Link("healthz", "Health Probe"),
            new Link("metrics", "Metrics"));
    private static final List<Link> STREAMING_LINKS = List.of(
            new Link("streaming/serverz", "Streaming Server"),
            new Link("streaming/storez", "Streaming Store"),
            new Link("streaming/clientsz", "Streaming Clients"),
            new Link("streaming/channelsz", "Streaming Channels"),
            new Link("streaming/clusterz", "Streaming Cluster"));

    private final AttachedStreaming streaming;

    RootPage(AttachedStreaming streaming) {
        this.streaming = streaming;
    }

    @Override
    public String path() {
        return "/";
    }

    @Override
    public HttpReply respond(QueryParameters query) {
        List<Link> links = new ArrayList<>(NATS_LINKS);
        if (streaming.get().isPresent()) {
            links.addAll(STREAMING_LINKS);
        }
        String anchors = links.stream()
                .map(link -> link.anchor(link == links.get(links.size() - 1)))
                .collect(Collectors.joining("\n    "));
        String html = """
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
                    %s
                    <a href=%s class=help>Help</a>
                  </body>
                </html>
                """.formatted(JstanVersion.get(), anchors, DOCS);
        return new HttpReply(HttpResponseStatus.OK, HTML, html.getBytes(StandardCharsets.UTF_8));
    }

    private record Link(String path, String title) {
        /** The last link of the list is spaced from the help link below it. */
        String anchor(boolean last) {
            return "<a href=./" + path + (last ? " class=last>" : ">") + title + "</a>";
        }
    }
}
