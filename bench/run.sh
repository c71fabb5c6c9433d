#!/usr/bin/env bash
#! Times tenderlint against the `pdftotext | grep -E` pipeline on the benchmark corpus, in one run with
#! interleaved repetitions, and writes the tables (medians, ratios within each repetition, pages/s, MB/s,
#! peak RSS) to target/bench-results/report.md. See docs/performance.md for how to read them.
#
# Usage: bench/run.sh [--reps N] [--parts "pdf docx odt md"] [--skip-sizes] [--skip-rss]
#                     [--corpus DIR [--scale X]]   (another corpus directory, made at scale X of 516 MB)
#                     [--keep-raw]                 (append to raw.tsv: combine runs of different parts)
#
# Needs: pdftotext (poppler-utils), GNU time (time), python3; installed with apt-get when missing (root).
# The corpus is made by `cargo run --release --example bench_corpus` when target/bench-corpus is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

REPS=3
PARTS="pdf docx odt md"
SIZES=1
RSS=1
CORPUS=target/bench-corpus
SCALE=1
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --reps) REPS="$2"; shift 2 ;;
        --parts) PARTS="$2"; shift 2 ;;
        --skip-sizes) SIZES=0; shift ;;
        --skip-rss) RSS=0; shift ;;
        --corpus) CORPUS="$2"; shift 2 ;;
        --scale) SCALE="$2"; shift 2 ;;
        --keep-raw) KEEP=1; shift ;;
        *) echo "unknown argument $1" >&2; exit 2 ;;
    esac
done

need=()
command -v pdftotext >/dev/null || need+=(poppler-utils)
[ -x /usr/bin/time ] || need+=(time)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${need[@]}"
fi

cargo build --release --quiet
cargo build --release --quiet --example bench_corpus --example grep_vocabulary
OUT=target/bench-results
mkdir -p "$OUT"
target/release/examples/bench_corpus --out "$CORPUS" --scale "$SCALE"
target/release/examples/grep_vocabulary > "$OUT/vocabulary.ere"
TL=$PWD/target/release/tenderlint
VOCAB=$PWD/$OUT/vocabulary.ere
RAW=$OUT/raw.tsv
[ "$KEEP" = 1 ] || : > "$RAW"

# The pipeline a user would script: text per file, then the pack's vocabulary, counting matching lines
# (UTF-8 locale: the vocabulary has Dutch letters). pdftotext alone is the floor of any such pipeline.
cat > "$OUT/pipeline.sh" <<EOF
#!/bin/sh
pdftotext -q "\$1" - | LC_ALL=C.UTF-8 grep -E -i -c -f "$VOCAB"
exit 0
EOF
cat > "$OUT/grep.sh" <<EOF
#!/bin/sh
LC_ALL=C.UTF-8 grep -E -i -c -f "$VOCAB" "\$1"
exit 0
EOF
cat > "$OUT/pdftotext.sh" <<EOF
#!/bin/sh
pdftotext -q "\$1" /dev/null
exit 0
EOF
chmod +x "$OUT/pipeline.sh" "$OUT/grep.sh" "$OUT/pdftotext.sh"

# measure NAME GROUP COMMAND...: one timed run; appends name, group, wall s, user s, sys s, peak RSS KB.
measure() {
    local name=$1 group=$2
    shift 2
    local t
    t=$(mktemp)
    /usr/bin/time -o "$t" -f "%e %U %S %M" "$@" >/dev/null 2>&1 || true
    read -r wall user sys rss < <(tail -n 1 "$t")
    rm -f "$t"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$group" "$wall" "$user" "$sys" "$rss" "$(cut -d' ' -f1 /proc/loadavg)" >> "$RAW"
}

list() { # list PART: NUL-separated files of one corpus part
    find "$CORPUS/$1" -type f -print0 | sort -z
}

for rep in $(seq "$REPS"); do
    for part in $PARTS; do
        for j in 1 2; do
            measure "check-j$j" "$part" "$TL" check --jobs "$j" --format json "$CORPUS/$part"
            list "$part" | measure "extract-j$j" "$part" xargs -0 -n 1 -P "$j" "$TL" extract
            case "$part" in
                pdf)
                    list "$part" | measure "pipeline-j$j" "$part" xargs -0 -n 1 -P "$j" "$OUT/pipeline.sh"
                    list "$part" | measure "pdftotext-j$j" "$part" xargs -0 -n 1 -P "$j" "$OUT/pdftotext.sh"
                    ;;
                # grep alone over the Markdown part runs at about 0.3 MB/s (20+ minutes): opt in.
                md) [ -z "${BENCH_MD_GREP:-}" ] || list "$part" | measure "pipeline-j$j" "$part" xargs -0 -n 1 -P "$j" "$OUT/grep.sh" ;;
            esac
        done
    done
    echo "repetition $rep of $REPS done" >&2
done

if [ "$SIZES" = 1 ]; then
    for rep in $(seq "$REPS"); do
        for f in "$CORPUS"/sizes/*.pdf; do
            n=$(basename "$f" .pdf)
            measure "check-j1" "size:$n" "$TL" check --jobs 1 --format json "$f"
            measure "extract-j1" "size:$n" "$TL" extract "$f"
            measure "pipeline-j1" "size:$n" "$OUT/pipeline.sh" "$f"
        done
    done
fi

if [ "$RSS" = 1 ]; then
    # Peak RSS against the number of documents: the first 10 and 100 and all documents of the Markdown and
    # DOCX parts, and all PDFs, one thread (one run each).
    for part in md docx; do
        for n in 10 100; do
            d="$OUT/rss/$part-$n"
            rm -rf "$d"
            mkdir -p "$d"
            find "$CORPUS/$part" -type f | sort | sed -n "1,${n}p" | while read -r f; do ln "$f" "$d/" 2>/dev/null || cp "$f" "$d/"; done
            measure "check-j1" "rss:$part-first-$n" "$TL" check --jobs 1 --format json "$d"
        done
        measure "check-j1" "rss:$part-all-$(find "$CORPUS/$part" -type f | wc -l)" "$TL" check --jobs 1 --format json "$CORPUS/$part"
    done
    measure "check-j1" "rss:pdf-all-$(find "$CORPUS/pdf" -type f | wc -l)" "$TL" check --jobs 1 --format json "$CORPUS/pdf"
    measure "check-j1" "rss:pdf-1000p" "$TL" check --jobs 1 --format json "$CORPUS/sizes/wmo-1000p.pdf"
fi

python3 bench/report.py "$CORPUS/MANIFEST.tsv" "$RAW" > "$OUT/report.md"
cat "$OUT/report.md"
