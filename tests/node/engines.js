// ajv engines for the parity tests, driven by JSON lines on stdin (one reply line each).
//
//   {"op": "load", "name": N, "engine": "2020"|"draft-07"|"draft-04", "schema": S,
//    "annotations": [keyword, ...], "lenient_types": false}          -> {"ok": true, "warnings": [...]} | {"ok": false, "error": E}
//   {"op": "check", "payload": P}            -> {"verdicts": {N: true|false, ...}}
//   {"op": "regex", "pattern": R, "probes": [s, ...]}
//                                            -> {"ok": true, "matches": [bool, ...]} | {"ok": false, "error": E}
//
// One process serves a whole test session: starting node per payload would dominate the run.
"use strict";

const readline = require("readline");
const Ajv2020 = require("ajv/dist/2020").default;
const Ajv07 = require("ajv").default;
const AjvDraft04 = require("ajv-draft-04").default;
const addFormats = require("ajv-formats").default;

const ENGINES = { "2020": Ajv2020, "draft-07": Ajv07, "draft-04": AjvDraft04 };
const validators = new Map();

// Strict mode logs some complaints instead of throwing (strictTypes, strictTuples): collect
// every line ajv or anything else would print, so the tests can demand there are none.
let captured = [];
const logger = {
  log: (...args) => captured.push(args.join(" ")),
  warn: (...args) => captured.push(args.join(" ")),
  error: (...args) => captured.push(args.join(" ")),
};
console.warn = logger.warn;
console.error = logger.error;

function load(request) {
  captured = [];
  const Engine = ENGINES[request.engine];
  if (!Engine) return { ok: false, error: `unknown engine ${request.engine}` };
  // Strict mode, every complaint fatal, except strictRequired (off by default in ajv: it
  // rejects `required` in a conditional branch, a standard idiom) and, when the request
  // says "lenient_types", strictTypes downgraded to logged warnings (to still get verdicts
  // from a schema that has such complaints; the warnings come back in the reply).
  const ajv = new Engine({
    strict: true,
    strictRequired: false,
    strictTypes: request.lenient_types ? "log" : true,
    allErrors: false,
    logger,
  });
  addFormats(ajv);
  for (const keyword of request.annotations || []) ajv.addKeyword({ keyword });
  try {
    validators.set(request.name, ajv.compile(request.schema));
  } catch (error) {
    return { ok: false, error: String(error.message || error), warnings: captured };
  }
  return { ok: true, warnings: captured };
}

function check(request) {
  const verdicts = {};
  for (const [name, validate] of validators) verdicts[name] = validate(request.payload) === true;
  return { verdicts };
}

function regex(request) {
  let compiled;
  try {
    compiled = new RegExp(request.pattern, "u");
  } catch (error) {
    return { ok: false, error: String(error.message || error) };
  }
  return { ok: true, matches: request.probes.map((probe) => compiled.test(probe)) };
}

const OPS = { load, check, regex };
const lines = readline.createInterface({ input: process.stdin, terminal: false });
lines.on("line", (line) => {
  if (!line.trim()) return;
  let reply;
  try {
    const request = JSON.parse(line);
    const op = OPS[request.op];
    reply = op ? op(request) : { ok: false, error: `unknown op ${request.op}` };
  } catch (error) {
    reply = { ok: false, error: String(error.message || error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
