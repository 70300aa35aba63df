#!/usr/bin/env bash
# Prints each failed test of the given TRX reports with the first lines of its message, so that the end of a long
# run's output (all a CI log may keep) says which tests failed and why.
#   scripts/trx-failures.sh TestResults/*.trx
set -euo pipefail
[ $# -gt 0 ] || exit 0
awk '
  function decode(s) {
    gsub(/&lt;/, "<", s); gsub(/&gt;/, ">", s); gsub(/&quot;/, "\"", s); gsub(/&apos;/, "\047", s)
    gsub(/&#xD;/, "", s); gsub(/&#xA;/, " ", s); gsub(/&amp;/, "\\&", s)
    # The report escapes quotes and backslashes as in C#.
    gsub(/\\\\/, "\001", s); gsub(/\\"/, "\"", s); gsub(/\001/, "\\\\", s)
    return length(s) > 800 ? substr(s, 1, 800) "…" : s
  }
  /<UnitTestResult / {
    failed = ($0 ~ /outcome="(Failed|Error|Timeout|Aborted)"/); error = 0; message = 0; lines = 0
    if (failed && match($0, /testName="[^"]*"/)) {
      print "  FAILED " decode(substr($0, RSTART + 10, RLENGTH - 11))
    }
    next
  }
  failed && /<ErrorInfo>/ { error = 1 }
  failed && error && !message && /<Message>/ { message = 1; sub(/.*<Message>/, "") }
  failed && message {
    text = $0
    last = sub(/<\/Message>.*/, "", text)
    if (lines < 8) print "    " decode(text)
    else if (lines == 8) print "    …"
    lines++
    if (last) { message = 0; error = 0; failed = 0 }
    next
  }
  /<\/UnitTestResult>/ { failed = 0 }
' "$@"
