package io.github.wristbandjakarta.bench;

import java.util.List;
import java.util.Map;

/**
 * What the HTTP part measured: the samples of each case (one per round), the sizes of a signed-in user's session
 * and cookies, the problems that fail the run (errors under load) and notes for the reader.
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
                .filter(c -> samples.getOrDefault(c.name(), List.of()).size() != settings.rounds())
                .map(c -> c.name() + " (" + samples.getOrDefault(c.name(), List.of()).size() + " of "
                        + settings.rounds() + " rounds)")
                .toList();
    }
}
