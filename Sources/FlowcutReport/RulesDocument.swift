import FlowcutAnalysis
import FlowcutSimulation
import FlowcutTiming

/// docs/suggestions.md, written from the rules themselves: their IDs,
/// explanations and examples are the ones the tests run.
public enum RulesDocument {
    public static func markdown() -> String {
        var out = """
            # Suggestion rules

            Written by `flowcut rules` from the rules' own descriptions: the
            examples below are the ones the tests run (each rule must fire on its
            triggering examples and stay silent on the others). How a suggestion
            is measured and chosen: docs/analysis.md ("Suggestions").


            """
        for rule in suggestionRules {
            let d = rule.description
            out += "## `\(d.id)` — \(d.name)\n\n"
            out += d.explanation + "\n\n"
            out += "*" + d.explanationVietnamese + "*\n\n"
            if rule.isTargetOnly { out += "A target to discuss: shown, never applied by default.\n\n" }
            for (title, examples) in [("Fires on", d.triggering), ("Stays silent on", d.nonTriggering)] {
                for example in examples {
                    out += "\(title):\n\n```\n\(example)\n```\n\n"
                }
            }
        }
        return out
    }
}
