import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  ReportSchema
} from "./chunk-SCKLWYTT.js";
import {
  UsageError
} from "./chunk-LPOMALK6.js";

// src/report/report-file.ts
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
function readReportFile(path, label = path) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`${label}: cannot read the report (${error.code ?? String(error)})`);
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${label}: not JSON (${error instanceof Error ? error.message : String(error)}) \u2014 give the report files quality-gates run wrote`);
  }
  const parsed = ReportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${label}: ${formatPath(issue)}: ${issue.message} \u2014 is it a quality-gates report (schemaVersion 1)?`);
  }
  return parsed.data;
}
function formatPath(issue) {
  let out = "";
  for (const key of issue.path) out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
  return out || "(root)";
}
function writeTextFile(path, text) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

export {
  readReportFile,
  writeTextFile
};
