import { createRequire as __qgCreateRequire } from 'node:module';
const require = __qgCreateRequire(import.meta.url);
import {
  decodePath
} from "./chunk-BURGMGPG.js";
import {
  UsageError
} from "./chunk-LPOMALK6.js";

// src/cli/read-list.ts
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
async function readFileList(source, cwd, stdin) {
  let text;
  if (source === "-") {
    const chunks = [];
    for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    text = decodePath(Buffer.concat(chunks));
  } else {
    try {
      text = decodePath(readFileSync(resolve(cwd, source)));
    } catch (error) {
      throw new UsageError(
        `--files ${source}: cannot read the file list (${error.code ?? String(error)}) \u2014 give a file with one path per line, or - for stdin`
      );
    }
  }
  const entries = text.includes("\0") ? text.split("\0") : text.split(/\r?\n/);
  return entries.filter((entry) => entry.trim() !== "").map((entry) => entry.replace(/^\.\//, ""));
}

export {
  readFileList
};
