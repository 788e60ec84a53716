package io.github.wristbandjakarta.emulator;

/**
 * The emulator's HTML pages (the hosted sign-in page, the tenant chooser, its error page) in the reference
 * application's look, so that a walk through the demo does not pass through bare pages. The style is inline, a copy
 * of the demo's {@code demo.css}: the test kit serves no files of its own and depends on neither the library nor the
 * demo. Every page says it is the emulator and, when the emulator knows the application's home page, links back to
 * it ({@code id="application-home"}).
 */
final class EmulatorPages {

    private static final String STYLE = """
            body { font-family: system-ui, sans-serif; max-width: 44rem; margin: 2rem auto; padding: 0 1rem; \
            line-height: 1.5; color: #1d2330; }
            header { display: flex; gap: 1rem; align-items: baseline; border-bottom: 1px solid #d8dce5; \
            padding-bottom: .5rem; margin-bottom: 1.5rem; }
            header strong { margin-right: auto; }
            a { color: #2451b3; }
            h1 { font-size: 1.5rem; }
            code, pre { background: #eef0f4; padding: 0 .2rem; }
            .note { color: #5b6272; font-size: .9rem; }
            """;

    private EmulatorPages() {
    }

    /**
     * A whole page.
     *
     * @param title   the page's title and heading, plain text
     * @param homeUrl the application's home page, or null when the emulator does not know it
     * @param body    the HTML after the heading
     */
    static String page(String title, String homeUrl, String body) {
        StringBuilder html = new StringBuilder(1024 + body.length());
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(esc(title))
                .append(" (Wristband emulator)</title>\n<style>\n").append(STYLE).append("</style></head>\n<body>\n")
                .append("<header><strong>Wristband emulator</strong>");
        if (homeUrl != null) {
            html.append("<a id=\"application-home\" href=\"").append(attr(homeUrl))
                    .append("\">Back to the application</a>");
        }
        html.append("</header>\n<h1>").append(esc(title)).append("</h1>\n").append(body)
                .append("<p class=\"note\">The offline Wristband emulator of the test kit, standing in for"
                        + " Wristband's hosted pages.</p>\n</body></html>\n");
        return html.toString();
    }

    /** HTML text escaping. */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * Escaping for href values: quotes and angle brackets only, so that hrefs read from the page with a simple
     * pattern are the literal URLs ({@code &} between query parameters stays raw, which browsers accept).
     */
    static String attr(String s) {
        return s.replace("\"", "%22").replace("<", "%3C").replace(">", "%3E");
    }
}
