#!/usr/bin/env python3
"""Turns bench/run.sh's raw timings into Markdown tables: medians over the repetitions, ratios taken within
each repetition (the runs of one repetition are interleaved, so they share the machine's load) and then their
median, pages/s and MB/s, peak RSS.

Usage: report.py MANIFEST.tsv raw.tsv > report.md
"""
import collections
import statistics
import sys


def fit_line(label, pts):
    """Least-squares t = a + b·pages over the size series, with R² and the largest residual."""
    n = len(pts)
    mx = sum(p for p, _ in pts) / n
    my = sum(t for _, t in pts) / n
    sxx = sum((p - mx) ** 2 for p, _ in pts)
    b = sum((p - mx) * (t - my) for p, t in pts) / sxx
    a = my - b * mx
    ss_tot = sum((t - my) ** 2 for _, t in pts)
    ss_res = sum((t - a - b * p) ** 2 for p, t in pts)
    r2 = 1 - ss_res / ss_tot if ss_tot > 0 else 1.0
    worst = max(abs(t - a - b * p) for p, t in pts)
    return (
        f"- {label}: t ≈ {a:.2f} s + {1000 * b:.2f} ms × pages (R² = {r2:.4f}; largest residual {worst:.2f} s)"
    )


def main():
    manifest, raw = sys.argv[1], sys.argv[2]
    parts = collections.defaultdict(lambda: {"files": 0, "bytes": 0, "pages": 0})
    sizes = {}
    with open(manifest) as f:
        next(f)
        for line in f:
            path, fmt, size, pages = line.rstrip("\n").split("\t")
            part = path.split("/")[0]
            if part == "sizes":
                sizes[path.split("/")[1][: -len(".pdf")]] = (int(size), int(pages))
                continue
            p = parts[part]
            p["files"] += 1
            p["bytes"] += int(size)
            p["pages"] += int(pages)

    runs = collections.defaultdict(list)  # (group, name) -> [(wall, cpu, rss, load)]
    with open(raw) as f:
        for line in f:
            name, group, wall, user, sys_, rss, load = line.rstrip("\n").split("\t")
            runs[(group, name)].append(
                (float(wall), float(user) + float(sys_), int(rss), float(load))
            )

    def med(group, name, i):
        return statistics.median(r[i] for r in runs[(group, name)])

    def ratio(group, slow, fast, i=0):
        """Median over repetitions of slow/fast, each pair from the same repetition."""
        pairs = zip(runs[(group, slow)], runs[(group, fast)])
        values = [a[i] / b[i] for a, b in pairs if b[i] > 0]
        if not values:
            return "–"
        lo, hi = min(values), max(values)
        return f"{statistics.median(values):.2f}× ({lo:.2f}–{hi:.2f})"

    reps = max((len(v) for v in runs.values()), default=0)
    out = []
    out.append(f"Repetitions: {reps} (interleaved); figures are medians; ratios are per-repetition ratios, median (min–max).\n")
    out.append("### Corpus\n")
    out.append("| part | files | MB | pages |")
    out.append("|---|---:|---:|---:|")
    for part in sorted(parts):
        p = parts[part]
        pages = p["pages"] if p["pages"] else "–"
        out.append(f"| {part} | {p['files']} | {p['bytes'] / 1e6:.1f} | {pages} |")
    total = sum(p["bytes"] for p in parts.values())
    out.append(f"| **all** | {sum(p['files'] for p in parts.values())} | {total / 1e6:.1f} | |\n")

    labels = {
        "check": "tenderlint check (extract + all rules + JSON report)",
        "extract": "tenderlint extract, one process per file",
        "pipeline": "pdftotext FILE - \\| grep -E -i -c -f vocabulary",
        "pdftotext": "pdftotext FILE /dev/null (no grep)",
    }
    out.append("### Throughput\n")
    out.append("| part | command | threads | wall s | CPU s | pages/s | MB/s | peak RSS MB | load avg |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for part in sorted(parts):
        for cmd in ["check", "extract", "pipeline", "pdftotext"]:
            for j in (1, 2):
                name = f"{cmd}-j{j}"
                if (part, name) not in runs:
                    continue
                wall = med(part, name, 0)
                cpu = med(part, name, 1)
                rss = max(r[2] for r in runs[(part, name)]) / 1024
                p = parts[part]
                pages = f"{p['pages'] / wall:.0f}" if p["pages"] else "–"
                label = labels[cmd] if part != "md" or cmd != "pipeline" else "grep -E -i -c -f vocabulary FILE"
                out.append(
                    f"| {part} | {label} | {j} | {wall:.2f} | {cpu:.2f} | {pages} | {p['bytes'] / 1e6 / wall:.1f} | {rss:.0f} | {med(part, name, 3):.2f} |"
                )
    out.append("")

    out.append("### Ratios\n")
    out.append("| part | ratio | wall time | CPU time |")
    out.append("|---|---|---:|---:|")
    for part in sorted(parts):
        for j in (1, 2):
            if (part, f"pipeline-j{j}") in runs:
                out.append(
                    f"| {part} | pipeline ÷ tenderlint check, {j} thread{'s' if j > 1 else ''} | {ratio(part, f'pipeline-j{j}', f'check-j{j}')} | {ratio(part, f'pipeline-j{j}', f'check-j{j}', 1)} |"
                )
            if (part, f"pdftotext-j{j}") in runs:
                out.append(
                    f"| {part} | pdftotext alone ÷ tenderlint check, {j} thread{'s' if j > 1 else ''} | {ratio(part, f'pdftotext-j{j}', f'check-j{j}')} | {ratio(part, f'pdftotext-j{j}', f'check-j{j}', 1)} |"
                )
        for cmd in ["check", "extract", "pipeline", "pdftotext"]:
            if (part, f"{cmd}-j2") in runs:
                out.append(
                    f"| {part} | {cmd}: 1 thread ÷ 2 threads (speed-up) | {ratio(part, f'{cmd}-j1', f'{cmd}-j2')} | |"
                )
    out.append("")

    size_groups = sorted(g for g, _ in runs if g.startswith("size:"))
    if size_groups:
        out.append("### Time against document size (one PDF, one thread)\n")
        out.append("| file | pages | MB | tenderlint check s | ms/page | peak RSS MB | extract s | pipeline s | ms/page | pipeline ÷ check |")
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for g in dict.fromkeys(size_groups):
            n = g[len("size:"):]
            size, pages = sizes.get(n, (0, 0))
            tl = med(g, "check-j1", 0)
            rss = max(r[2] for r in runs[(g, "check-j1")]) / 1024
            pl = med(g, "pipeline-j1", 0)
            ex = med(g, "extract-j1", 0) if (g, "extract-j1") in runs else float("nan")
            out.append(
                f"| {n} | {pages} | {size / 1e6:.1f} | {tl:.2f} | {1000 * tl / pages:.2f} | {rss:.0f} | {ex:.2f} | {pl:.2f} | {1000 * pl / pages:.2f} | {ratio(g, 'pipeline-j1', 'check-j1')} |"
            )
        out.append("")
        for name, label in [("check-j1", "tenderlint check"), ("extract-j1", "tenderlint extract"), ("pipeline-j1", "pipeline")]:
            pts = [(sizes[g[5:]][1], med(g, name, 0)) for g in dict.fromkeys(size_groups) if (g, name) in runs and g[5:] in sizes]
            if len(pts) >= 3:
                out.append(fit_line(label, pts))
        out.append("")

    rss_groups = [g for g, _ in runs if g.startswith("rss:")]
    if rss_groups:
        out.append("### Peak RSS against the number of documents (`check --jobs 1`)\n")
        out.append("| input | peak RSS MB | wall s |")
        out.append("|---|---:|---:|")
        for g in dict.fromkeys(rss_groups):
            out.append(f"| {g[len('rss:'):]} | {max(r[2] for r in runs[(g, 'check-j1')]) / 1024:.0f} | {med(g, 'check-j1', 0):.2f} |")
        out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
