package io.github.wristbandjakarta.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the HTTP part measured: the samples of each case (one per round of each server start), the sizes of a
 * signed-in user's session and cookies, the problems that fail the run (errors under load) and notes for the reader.
 */
record HttpResults(Settings settings, List<BenchCase> cases, Map<String, List<Sample>> samples, int sessionBytes,
                   int cookieBytes, String cookieNames, List<String> problems, List<String> notes) {

    HttpResults {
        cases = List.copyOf(cases);
        samples = Map.copyOf(samples);
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
    }

    /**
     * The declared cases that have not one sample per round: a case that vanished from the results must fail the
     * run, not leave the table a row shorter.
     */
    List<String> missing() {
        return cases.stream()
                .filter(c -> samples.getOrDefault(c.name(), List.of()).size() != settings.samplesPerCase())
                .map(c -> c.name() + " (" + samples.getOrDefault(c.name(), List.of()).size() + " of "
                        + settings.samplesPerCase() + " rounds)")
                .toList();
    }

    /**
     * The results of several server starts as one: each case's samples in the order of the starts (so that the
     * i-th sample of a case and of its baseline stay from the same round), the problems of all, the notes once.
     */
    static HttpResults merge(List<HttpResults> starts) {
        HttpResults first = starts.get(0);
        Map<String, List<Sample>> samples = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        Set<String> notes = new LinkedHashSet<>();
        for (HttpResults r : starts) {
            for (BenchCase c : r.cases()) {
                samples.computeIfAbsent(c.name(), k -> new ArrayList<>())
                        .addAll(r.samples().getOrDefault(c.name(), List.of()));
            }
            problems.addAll(r.problems());
            notes.addAll(r.notes());
        }
        return new HttpResults(first.settings(), first.cases(), samples, first.sessionBytes(), first.cookieBytes(),
                first.cookieNames(), problems, List.copyOf(notes));
    }
}
