extension DebriefHTML {
    /// Calm on a wall screen, compact on A4: tables repeat their headings on each printed page, rows and the
    /// chart never split across pages, the event log starts on a page of its own, and colours print as seen.
    static let stylesheet = """
        :root { --ink: #1b2230; --muted: #5b6576; --line: #dfe3ea; --soft: #f5f7fa; --accent: #2f5fd0; --alarm: #c62828; }
        * { box-sizing: border-box; }
        html { font-size: 15px; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0 auto; max-width: 80rem; padding: 2rem 2.5rem 3rem; color: var(--ink); background: #fff;
          font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        header { border-bottom: 3px solid var(--ink); padding-bottom: .9rem; margin-bottom: 1.4rem; }
        .kicker { margin: 0 0 .35rem; font-size: .78rem; font-weight: 600; letter-spacing: .07em; text-transform: uppercase; color: var(--muted); }
        .severity, .state { display: inline-block; padding: .05rem .5rem; border-radius: 999px; color: #fff; background: #5b6576; margin-right: .3rem; }
        .severity.sev1 { background: #b42318; } .severity.sev2 { background: #d9480f; } .severity.sev3 { background: #b08800; }
        .state.resolved { background: #2e7d32; } .state.closed { background: #475467; } .state.mitigated { background: #2f6db5; }
        .state.investigating, .state.identified { background: #b45309; } .state.monitoring { background: #5a6fb0; }
        h1 { margin: 0; font-size: 1.85rem; line-height: 1.2; overflow-wrap: anywhere; }
        nav { margin-top: .6rem; font-size: .85rem; }
        nav a { color: var(--accent); text-decoration: none; margin-right: 1rem; white-space: nowrap; }
        h2 { margin: 2rem 0 .7rem; padding-bottom: .25rem; font-size: 1.15rem; border-bottom: 1px solid var(--line); }
        dl.facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
          grid-auto-flow: row dense; gap: .55rem; margin: 0; }
        dl.facts div.wide { grid-column: span 2; }
        dl.facts div { padding: .45rem .75rem; background: var(--soft); border: 1px solid var(--line); border-radius: 6px; }
        dl.facts dt { font-size: .7rem; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; color: var(--muted); }
        dl.facts dd { margin: .1rem 0 0; font-weight: 600; overflow-wrap: anywhere; }
        figure.chart { margin: 0; padding: .75rem .5rem .5rem; border: 1px solid var(--line); border-radius: 8px; }
        figure.chart svg { display: block; width: 100%; height: auto; }
        table { width: 100%; border-collapse: collapse; font-size: .9rem; }
        table.columns-2 { width: auto; min-width: 22rem; }
        th { padding: .35rem .65rem; text-align: left; font-size: .72rem; font-weight: 600; letter-spacing: .05em;
          text-transform: uppercase; color: var(--muted); border-bottom: 2px solid var(--line); white-space: nowrap; }
        td { padding: .35rem .65rem; vertical-align: top; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
        tbody tr:nth-child(even) td { background: #fafbfc; }
        table.columns-2 td:last-child { font-variant-numeric: tabular-nums; font-weight: 600; white-space: nowrap; }
        #commitments-to-the-customer td:nth-child(-n+2), #commitments-to-the-customer td:nth-child(n+4),
        #timeline td:nth-child(-n+3) { white-space: nowrap; font-variant-numeric: tabular-nums; }
        #timeline td:nth-child(-n+3) { color: var(--muted); }
        #timeline td:nth-child(4) { overflow-wrap: normal; }
        ul { margin: .2rem 0; padding-left: 1.3rem; } li { margin: .3rem 0; } li ul { color: var(--muted); font-size: .92em; }
        strong.label { padding: 0 .3em; border-radius: 3px; background: #e8eefb; color: #23408e; font-variant-numeric: tabular-nums; white-space: nowrap; }
        strong.alarm { color: var(--alarm); white-space: nowrap; }
        footer { margin-top: 2.5rem; padding-top: .6rem; border-top: 1px solid var(--line); color: var(--muted); }
        @page { size: A4; margin: 14mm 12mm; }
        @media print {
          html { font-size: 9.5pt; }
          body { max-width: none; padding: 0; }
          nav { display: none; }
          h1 { font-size: 17pt; }
          h2 { margin-top: 1.2rem; break-after: avoid; page-break-after: avoid; }
          figure.chart, dl.facts div, tr, li { break-inside: avoid; page-break-inside: avoid; }
          thead { display: table-header-group; }
          #timeline { break-before: page; page-break-before: always; }
          tbody tr:nth-child(even) td { background: none; }
        }
        """
}
