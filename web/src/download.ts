// CSV and JSON downloads of what a view shows (the table as CSV, the API answers as JSON).
import { el } from "./dom";

export interface Downloads {
  name: string; // file name stem, e.g. "compare-deepseek-r1-chat"
  csv: string;
  json: unknown;
}

function save(filename: string, type: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = el("a", { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadBar(d: Downloads): HTMLElement {
  const csv = el("button", { type: "button", class: "secondary", "data-download": "csv" }, "Download CSV");
  const json = el("button", { type: "button", class: "secondary", "data-download": "json" }, "Download JSON");
  csv.addEventListener("click", () => save(`${d.name}.csv`, "text/csv", d.csv));
  json.addEventListener("click", () =>
    save(`${d.name}.json`, "application/json", JSON.stringify(d.json, null, 2) + "\n"),
  );
  return el("div", { class: "downloads" }, csv, json);
}
