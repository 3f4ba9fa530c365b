/** The report's one stylesheet (inline, allowed by its hash in the Content-Security-Policy). */
export const REPORT_CSS = `
:root{--ink:#1f2933;--muted:#52606d;--line:#d9e2ec;--soft:#f5f7fa;--accent:#243b53;--critical:#7f1d1d;--high:#dc2626;--medium:#d97706;--low:#2563eb;--informational:#6b7280;--ok:#15803d}
*{box-sizing:border-box}
body{margin:0;background:#eef2f6;color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1080px;margin:24px auto;background:#fff;padding:40px 48px;border-radius:6px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
header.cover{border-bottom:3px solid var(--accent);padding-bottom:16px;margin-bottom:8px}
.eyebrow{text-transform:uppercase;letter-spacing:.12em;font-size:11px;color:var(--muted);margin:0}
h1{font-size:28px;margin:4px 0 8px;color:var(--accent);overflow-wrap:anywhere}
h2{font-size:19px;color:var(--accent);border-bottom:1px solid var(--line);padding-bottom:4px;margin:36px 0 12px}
h3{font-size:15px;margin:20px 0 8px;overflow-wrap:anywhere}
.meta{color:var(--muted);margin:0;overflow-wrap:anywhere}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;background:var(--informational);white-space:nowrap}
.sev-critical{background:var(--critical)}.sev-high{background:var(--high)}.sev-medium{background:var(--medium)}.sev-low{background:var(--low)}
.st-verified,.st-unchanged,.st-recovered,.st-closed,.st-contained{background:var(--ok)}.st-failed,.st-unverified,.st-undo-failed,.st-open{background:var(--high)}
.summary p{margin:6px 0}
.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:12px;margin:16px 0}
.card{border:1px solid var(--line);border-left:4px solid var(--accent);border-radius:4px;padding:10px 14px;background:var(--soft)}
.card .value{font-size:24px;font-weight:700;color:var(--accent)}
.card .unknown{color:var(--muted)}
.card .label{font-size:12px;text-transform:uppercase;letter-spacing:.08em;color:var(--muted)}
.card .how{font-size:11.5px;color:var(--muted);margin-top:4px}
table{border-collapse:collapse;width:100%;margin:8px 0 12px;font-size:12.5px}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
th{white-space:nowrap;background:var(--soft);font-weight:600;color:var(--muted);font-size:11.5px;text-transform:uppercase;letter-spacing:.04em}
tr{break-inside:avoid}
.nw{white-space:nowrap}
.wide{min-width:240px}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
pre{background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:8px 10px;white-space:pre-wrap;overflow-wrap:anywhere;max-height:420px;overflow:auto;margin:4px 0}
.kind-milestone td{font-weight:600;background:#fffbea}
.kind-finding td:first-child{border-left:3px solid var(--medium)}
.kind-action td:first-child{border-left:3px solid var(--ok)}
.figure{border:1px solid var(--line);border-radius:4px;padding:8px;margin:8px 0}
svg.chart{width:100%;height:auto;display:block}
svg .grid{stroke:#e4e7eb;stroke-width:1}
svg .axis{font-size:11px;fill:#52606d}
svg .legend{font-size:11.5px;fill:#1f2933}
svg .marker{stroke-width:1.5;stroke-dasharray:5 3}
svg .marker-label{font-size:11px;font-weight:600}
.action{border:1px solid var(--line);border-radius:4px;padding:10px 14px;margin:10px 0;break-inside:avoid}
.action h3{margin:0 0 6px}
.states{display:grid;grid-template-columns:1fr 1fr;gap:10px}
.states h4{margin:6px 0 2px;font-size:12px;text-transform:uppercase;color:var(--muted)}
.none{color:var(--muted);font-style:italic}
.warn{color:var(--high);font-weight:600}
details{border:1px solid var(--line);border-radius:4px;margin:6px 0;padding:4px 10px}
summary{cursor:pointer;font-weight:600;overflow-wrap:anywhere}
footer{margin-top:40px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:8px}
@media print{
  @page{size:A4;margin:16mm 14mm}
  body{background:#fff;font-size:11px}
  main{box-shadow:none;margin:0;padding:0;max-width:none;border-radius:0}
  h2{break-after:avoid}
  h3{break-after:avoid}
  .figure,.cards,.card{break-inside:avoid}
  pre{max-height:none;overflow:visible}
  .appendix{break-before:page}
  details{border:none;padding:0}
  details::details-content{content-visibility:visible;display:block}
  .badge,.card,th,.kind-milestone td,pre{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;
