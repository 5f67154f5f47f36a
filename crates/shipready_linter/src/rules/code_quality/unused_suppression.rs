use shipready_lang::{FileRole, Language};

use crate::declare_rule;
use crate::rule::Rule;

declare_rule! {
    /// ## What it does
    /// Governs shipready's own suppressions: `shipready-ignore[…]: reason` comments and the
    /// entries of `.shipready/suppressions.toml`. It reports a directive or entry that
    /// silences nothing (no finding of the named check on the covered line, in the file, or
    /// under the entry's paths); a directive without a reason; one that names no check (a
    /// blanket `shipready-ignore`, as ruff's PGH004 reports a blanket `noqa`) or misses its
    /// `]`; an unknown check id; a `shipready-ignore-file` below the file's leading comments;
    /// and an entry whose `expires` date has passed, which then silences nothing again.
    ///
    /// Only checks that ran are judged: with `--select security`, a directive for
    /// `print-logging` is not unused, since `print-logging` did not run. A directive for a
    /// check turned off for its path by `[per-path-ignores]` is not judged either.
    ///
    /// ## Why is this bad?
    /// A suppression outlives the code it was written for: the finding gets fixed or moves,
    /// and the comment stays, ready to hide the next problem on that line. A suppression
    /// without a reason cannot be reviewed, and a blanket one hides every check at once. A
    /// malformed directive silences nothing, which its author did not intend. ruff (RUF100)
    /// and oxlint (`--report-unused-disable-directives`) report unused directives the same way.
    ///
    /// ## Example
    /// ```python
    /// total = compute()  # shipready-ignore[print-logging]: CLI output
    /// # shipready-ignore: legacy
    /// print(total)
    /// ```
    ///
    /// ## Use instead
    /// ```python
    /// total = compute()
    /// # shipready-ignore[print-logging]: this command-line tool writes its result to stdout
    /// print(total)
    /// ```
    ///
    /// ## Known limitations
    /// Directives are read from the parser's comments, so a file that does not parse has none.
    /// In YAML, Dockerfiles and text files, where the parsers drop comments, a `#` at the start
    /// of a line or after a blank counts outside the values the parser saw (outside quotes on
    /// its line for Dockerfiles and shell-like text); `//` and `;` comments of other text
    /// formats are not read.
    pub(crate) struct UnusedSuppression {
        id: "unused-suppression",
        area: CodeQuality,
        severity: Low,
        since: "0.1.0",
        title: "Suppression that is unused, unexplained or malformed",
        rationale: "A stale, unexplained or blanket suppression hides the next problem instead of the one it was for.",
        fix: "Remove the suppression, name the checks it is for, or give the reason after a colon.",
    }
}

impl Rule for UnusedSuppression {
    const LANGUAGES: &'static [Language] = &Language::ALL;
    // Every file shipready reads; vendored, generated and minified code is not read for it.
    const ROLES: &'static [FileRole] =
        &[FileRole::Source, FileRole::Test, FileRole::Script, FileRole::Config, FileRole::Example];
    const SCAN_LEVEL: bool = true;
}

#[cfg(test)]
mod tests {
    use super::UnusedSuppression;
    use crate::tester::Tester;

    #[test]
    fn test() {
        let pass = [
            ("app/cli.py", "print(total)  # shipready-ignore[print-logging]: the command's output\n"),
            ("app/cli.py", "# shipready-ignore[print-logging]: the command's output\nprint(total)\n"),
            (
                "app/cli.py",
                "#!/usr/bin/env python\n# shipready-ignore-file[print-logging]: a CLI\n\nprint(a)\nprint(b)\n",
            ),
            ("app/cli.py", "print(total)  # noqa: E501  # shipready-ignore[print-logging]: the command's output\n"),
            ("app/cli.py", "# we could use shipready-ignore here, or shipready-ignore[print-logging]: no\nx = 1\n"),
            ("app/cli.py", "MARK = 'shipready-ignore[print-logging]'  # a string, not a directive\n"),
            ("app/cli.py", "# shipready-ignored on purpose\nx = 1\n"),
            ("src/cli.ts", "/* shipready-ignore[print-logging]: CLI output */ console.log(total);\n"),
            ("src/cli.ts", "/**\n * shipready-ignore-file[print-logging]: a CLI\n */\nconsole.log(a);\n"),
            // A directive for a check that cannot be judged is left alone: that check names itself.
            ("app/cli.py", "x = 1  # shipready-ignore[unused-suppression]: kept for the migration\n"),
        ];
        let fail = [
            ("app/cli.py", "total = 1  # shipready-ignore[print-logging]: the command's output\n"),
            ("app/cli.py", "print(total)  # shipready-ignore[print-loging]: typo\n"),
            ("app/cli.py", "print(total)  # shipready-ignore[security]: an area\n"),
            ("app/cli.py", "print(total)  # shipready-ignore[print-logging]\n"),
            ("app/cli.py", "print(total)  # shipready-ignore[print-logging]:   \n"),
            ("app/cli.py", "print(total)  # shipready-ignore: everything here\n"),
            ("app/cli.py", "print(total)  # shipready-ignore[]: nothing named\n"),
            ("app/cli.py", "print(total)  # shipready-ignore[print-logging: unclosed\n"),
            ("app/cli.py", "import sys\n# shipready-ignore-file[print-logging]: too late\nprint(sys.argv)\n"),
            ("app/cli.py", "print(total)\n# shipready-ignore[print-logging]: nothing below\n"),
            ("app/cli.py", "print(a)  # shipready-ignore[print-logging, empty-catch]: one of two\n"),
            ("src/cli.ts", "// shipready-ignore[print-logging]: the next line is blank\n\nconsole.log(total);\n"),
            (
                "Dockerfile",
                "FROM node:20-slim\n# shipready-ignore[dockerfile-root-user]: no USER root here\nUSER node\n",
            ),
            ("deploy/api.yaml", "# shipready-ignore-file[k8s-privileged]: nothing privileged\nkind: ConfigMap\n"),
            (".env", "# shipready-ignore[hardcoded-secret]: nothing below\nDEBUG=1\n"),
        ];
        Tester::new::<UnusedSuppression>(pass, fail).with_every_rule().test_and_snapshot();
    }
}
