package io.github.wristbandjakarta;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The README and docs/ are what a reader follows: every link between them resolves, every reference the code makes to
 * them ({@code README "Heading"}, {@code docs/page.md}, {@code docs/page.md "Heading"}, {@code docs/protocol.md §4.1})
 * names a page and heading that exist, and no comment or page cites an issue number, which a reader of the repository
 * cannot open.
 */
class DocumentationLinksTest {

    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)\\)");
    private static final Pattern README_REFERENCE = Pattern.compile("README \\\\?\"([^\"\\\\]+)\\\\?\"");
    private static final Pattern DOCS_REFERENCE =
            Pattern.compile("docs/([a-z0-9-]+\\.md)(?:(?:,)? \\\\?\"([^\"\\\\]+)\\\\?\"| §([0-9]+(?:\\.[0-9]+)*))?");
    private static final Pattern ISSUE_CITATION = Pattern.compile("\\b[Ii]ssues? #?[0-9]+\\b");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$", Pattern.MULTILINE);
    private static final Set<String> SOURCE_SUFFIXES =
            Set.of(".java", ".xml", ".cli", ".options", ".properties", ".md", ".html", ".xhtml", ".jsp");

    /** The build runs the tests in the library's module directory; README and docs/ are the repository's. */
    private static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("README.md")) ? here : here.getParent();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(repository().resolve("README.md")));
        try (Stream<Path> docs = Files.list(repository().resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** Sources, build files, server configuration and pages; nothing built, nothing under version control's care. */
    private static List<Path> sources() throws IOException {
        Path root = repository();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> SOURCE_SUFFIXES.stream().anyMatch(p.getFileName().toString()::endsWith))
                    .filter(p -> {
                        String relative = root.relativize(p).toString();
                        return !relative.contains("target/") && !relative.startsWith(".") && !relative.contains("/.")
                                // This class names the forms it checks.
                                && !p.getFileName().toString().equals("DocumentationLinksTest.java");
                    })
                    .sorted().toList();
        }
    }

    /** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static List<String> headings(Path page) {
        List<String> headings = new ArrayList<>();
        Matcher m = HEADING.matcher(withoutCodeBlocks(read(page)));
        while (m.find()) {
            headings.add(m.group(1).strip());
        }
        return headings;
    }

    private static String withoutCodeBlocks(String markdown) {
        return markdown.replaceAll("(?ms)^```.*?^```", "");
    }

    private static boolean hasHeadingStartingWith(Path page, String name) {
        return headings(page).stream().map(h -> h.replace("`", "")).anyMatch(h -> h.startsWith(name.replace("`", "")));
    }

    @Test
    void everyLinkOfTheReadmeAndTheGuidesResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher m = MARKDOWN_LINK.matcher(withoutCodeBlocks(read(page)));
            while (m.find()) {
                String link = m.group(1);
                if (link.matches("^[a-z]+:.*")) {
                    continue;
                }
                String file = link.contains("#") ? link.substring(0, link.indexOf('#')) : link;
                Path target = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(target)) {
                    broken.add(repository().relativize(page) + ": " + link + " (no such file)");
                } else if (link.contains("#") && target.toString().endsWith(".md")
                        && headings(target).stream().map(DocumentationLinksTest::anchor)
                        .noneMatch(link.substring(link.indexOf('#') + 1)::equals)) {
                    broken.add(repository().relativize(page) + ": " + link + " (no such heading)");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void everyReferenceToTheReadmeOrTheGuidesNamesAPageAndHeadingThatExist() throws IOException {
        Path root = repository();
        List<String> broken = new ArrayList<>();
        for (Path source : sources()) {
            // A reference may wrap across the lines of a comment: read it with the line breaks and comment leaders
            // (*, //, #) between its words joined.
            String text = read(source).replaceAll("\\s*\\R\\s*(?:\\*(?!/)|//|#)?\\s*", " ");
            String where = root.relativize(source).toString();
            Matcher readme = README_REFERENCE.matcher(text);
            while (readme.find()) {
                if (!hasHeadingStartingWith(root.resolve("README.md"), readme.group(1))) {
                    broken.add(where + ": " + readme.group());
                }
            }
            Matcher docs = DOCS_REFERENCE.matcher(text);
            while (docs.find()) {
                Path page = root.resolve("docs").resolve(docs.group(1));
                if (!Files.exists(page)) {
                    broken.add(where + ": " + docs.group() + " (no such page)");
                } else if (docs.group(2) != null && !hasHeadingStartingWith(page, docs.group(2))) {
                    broken.add(where + ": " + docs.group() + " (no such heading)");
                } else if (docs.group(3) != null && !hasHeadingStartingWith(page, docs.group(3) + " ")) {
                    broken.add(where + ": " + docs.group() + " (no such section)");
                }
            }
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void noCommentOrPageCitesAnIssue() throws IOException {
        Path root = repository();
        List<String> citing = new ArrayList<>();
        for (Path source : sources()) {
            String[] lines = read(source).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (ISSUE_CITATION.matcher(lines[i]).find()) {
                    citing.add(root.relativize(source) + ":" + (i + 1) + ": " + lines[i].strip());
                }
            }
        }
        assertEquals(List.of(), citing);
    }

    @Test
    void theReadmeIsAFrontDoorOfAtMostAbout350Lines() {
        long lines = read(repository().resolve("README.md")).lines().count();
        assertEquals(true, lines <= 360, "README.md has " + lines + " lines; guides belong in docs/");
    }
}
