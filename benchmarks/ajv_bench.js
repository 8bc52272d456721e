// ajv (Node) timed in its own process with the same method as benchmarks/timing.py:
// warm up for 10% of the budget, batches of about 200 microseconds, median and p95 per call.
// Usage: node ajv_bench.js NODE_MODULES_DIR INPUT_JSON BUDGET_SECONDS [--smoke]
// INPUT_JSON holds {"schema": {...}, "payloads": {"key": "raw JSON text", ...}}.
"use strict";

const fs = require("fs");
const path = require("path");

const [modules, inputPath, budgetText, mode] = process.argv.slice(2);
const Ajv2020 = require(path.join(modules, "ajv", "dist", "2020")).default;
const ajvVersion = require(path.join(modules, "ajv", "package.json")).version;
const input = JSON.parse(fs.readFileSync(inputPath, "utf8"));
const budgetNs = BigInt(Math.round(Number(budgetText) * 1e9));
const smoke = mode === "--smoke";
const SAMPLE_NS = 200000n;
let sink = 0; // results feed this, so no call can be optimised away

function measure(func) {
  const clock = process.hrtime.bigint;
  if (smoke) {
    func();
    const start = clock();
    if (func()) sink++;
    const us = Number(clock() - start) / 1000;
    return { median_us: us, p95_us: us, min_us: us, samples: 1, calls: 1 };
  }
  let warmCalls = 0n;
  const warmStart = clock();
  const warmDeadline = warmStart + budgetNs / 10n;
  do {
    if (func()) sink++;
    warmCalls += 1n;
  } while (clock() < warmDeadline);
  let perCall = (clock() - warmStart) / warmCalls;
  if (perCall < 1n) perCall = 1n;
  let batch = SAMPLE_NS / perCall;
  if (batch < 1n) batch = 1n;
  const n = Number(batch);
  const samples = [];
  const deadline = clock() + (budgetNs * 9n) / 10n;
  for (;;) {
    const start = clock();
    for (let i = 0; i < n; i++) if (func()) sink++;
    samples.push(Number(clock() - start) / n / 1000);
    if (samples.length >= 5 && clock() >= deadline) break;
  }
  samples.sort((a, b) => a - b);
  const mid = samples.length >> 1;
  const median = samples.length % 2 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2;
  const p95 = samples[Math.max(1, Math.ceil(0.95 * samples.length)) - 1];
  return { median_us: median, p95_us: p95, min_us: samples[0], samples: samples.length,
           calls: samples.length * n };
}

const options = { strict: false, validateFormats: false };
const first = new Ajv2020({ ...options, allErrors: false }).compile(input.schema);
const all = new Ajv2020({ ...options, allErrors: true }).compile(input.schema);
const results = { "ajv.validate": {}, "ajv.all_errors": {}, "ajv.parse_then_validate": {} };
const verdicts = {};
for (const [key, text] of Object.entries(input.payloads)) {
  const value = JSON.parse(text);
  verdicts[key] = { valid: first(value), errors: all(value) ? 0 : all.errors.length };
  results["ajv.validate"][key] = measure(() => first(value));
  results["ajv.all_errors"][key] = measure(() => {
    all(value);
    return all.errors;
  });
  results["ajv.parse_then_validate"][key] = measure(() => first(JSON.parse(text)));
}
process.stdout.write(
  JSON.stringify({ ajv: ajvVersion, node: process.version, verdicts, results, sink }),
);
