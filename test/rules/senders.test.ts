// Every HTTP client integrations use to send the certificate login: each must be recognised as a payload
// (here seen through encoded-data-format), and a payload sent elsewhere must not.
import { encodedDataFormat } from "../../rules/encoded-data-format.js";
import { ruleTester } from "../support/rule-tester.js";

/** Lines 1-4: the imports and a v1 payload; the send starts on line 5. */
function v1(imports: string, send: string, format = ""): string {
  return `${imports}
import { randomBytes, sign } from "node:crypto";
const data = randomBytes(100);
const payload = { encodedData: data.toString("base64"), encodedSignedData: sign("RSA-SHA512", data, key).toString("base64")${format} };
${send}`;
}
const URL = `"https://auth.anaplan.com/token/authenticate"`;
const V2 = `, encodedDataFormat: "v2"`;

ruleTester(encodedDataFormat, {
  valid: [
    { name: "got with a v2 json body", code: v1(`import got from "got";`, `await got.post(${URL}, { json: payload });`, V2) },
    { name: "superagent sending v2", code: v1(`import superagent from "superagent";`, `await superagent.post(${URL}).send(payload);`, V2) },
    { name: "jQuery with v2", code: v1(`import $ from "jquery";`, `$.ajax({ url: ${URL}, type: "POST", data: JSON.stringify(payload) });`, V2) },
    {
      name: "got sending a payload-like body to another service",
      code: v1(`import got from "got";`, `await got.post("https://archive.example.com/v1/documents", { json: payload });`),
    },
    {
      name: "a ky instance for another API",
      code: v1(`import ky from "ky";`, `const api = ky.create({ prefixUrl: "https://api.example.com" });\nawait api.post("v1/upload", { json: payload });`),
    },
    { name: "undici request with v2", code: v1(`import { request } from "undici";`, `await request(${URL}, { method: "POST", body: JSON.stringify(payload) });`, V2) },
    { name: "needle with v2", code: v1(`import needle from "needle";`, `await needle("post", ${URL}, payload, { json: true });`, V2) },
    {
      name: "Angular HttpClient with v2",
      code: v1(`import { HttpClient } from "@angular/common/http";`, `export class Auth { constructor(private http: HttpClient) {} login() { return this.http.post(${URL}, payload); } }`, V2),
    },
    {
      name: "hand-built JSON that carries v2",
      code: v1("", "await fetch(" + URL + ", { method: \"POST\", body: `{\"encodedData\":\"${data.toString(\"base64\")}\",\"encodedSignedData\":\"${sig}\",\"encodedDataFormat\":\"v2\"}` });"),
    },
  ],
  invalid: [
    { name: "got.post with a json body", code: v1(`import got from "got";`, `await got.post(${URL}, { json: payload });`), errors: [{ messageId: "missing", line: 4 }] },
    { name: "got(url, options)", code: v1(`const got = require("got");`, `await got(${URL}, { method: "POST", json: payload });`), errors: [{ messageId: "missing", line: 4 }] },
    {
      name: "a got.extend instance with prefixUrl and a relative path",
      code: v1(`import got from "got";`, `const anaplan = got.extend({ prefixUrl: "https://auth.anaplan.com" });\nawait anaplan.post("token/authenticate", { json: payload });`),
      errors: [{ messageId: "missing", line: 4 }],
    },
    { name: "ky.post with json", code: v1(`import ky from "ky";`, `await ky.post(${URL}, { json: payload }).json();`), errors: [{ messageId: "missing", line: 4 }] },
    {
      name: "undici request",
      code: v1(`import { request } from "undici";`, `await request(${URL}, { method: "POST", body: JSON.stringify(payload) });`),
      errors: [{ messageId: "missing", line: 4 }],
    },
    {
      name: "superagent chain with headers",
      code: v1(`import request from "superagent";`, `await request.post(${URL}).set({ Authorization: "CACertificate x" }).type("json").send(payload);`),
      errors: [{ messageId: "missing", line: 4 }],
    },
    { name: "needle(method, url, data)", code: v1(`const needle = require("needle");`, `needle("post", ${URL}, payload, { json: true });`), errors: [{ messageId: "missing", line: 4 }] },
    {
      name: "jQuery $.ajax",
      code: v1(`import $ from "jquery";`, `$.ajax({ url: ${URL}, method: "POST", contentType: "application/json", data: JSON.stringify(payload) });`),
      errors: [{ messageId: "missing", line: 4 }],
    },
    {
      name: "Angular HttpClient.post",
      code: v1(`import { HttpClient } from "@angular/common/http";`, `export class Auth { constructor(private http: HttpClient) {} login() { return this.http.post(${URL}, payload); } }`),
      errors: [{ messageId: "missing", line: 4 }],
    },
    {
      name: "http or https chosen by the URL's protocol",
      code: v1(
        `import http from "node:http";\nimport https from "node:https";`,
        `const url = new URL("/token/authenticate", process.env.ANAPLAN_AUTH_BASE);\nconst client = url.protocol === "https:" ? https : http;\nconst req = client.request(url, { method: "POST" });\nreq.end(JSON.stringify(payload));`,
      ),
      errors: [{ messageId: "missing", line: 5 }],
    },
    {
      name: "URL joined with path.posix.join",
      code: v1(`import axios from "axios";\nimport path from "node:path";`, `await axios.post("https://" + path.posix.join("auth.anaplan.com", "token/authenticate"), payload);`),
      errors: [{ messageId: "missing", line: 5 }],
    },
      {
      name: "hand-built JSON in a template literal",
      code: v1("", "await fetch(" + URL + ", {\n  method: \"POST\",\n  body: `{\"encodedData\":\"${data.toString(\"base64\")}\",\"encodedSignedData\":\"${sig}\"}`,\n});"),
      errors: [{ messageId: "missing", line: 7 }],
    },
    {
      name: "hand-built JSON by concatenation, with a v1 value",
      code: v1("", "const body = '{\"encodedData\":\"' + data.toString(\"base64\") + '\",\"encodedSignedData\":\"' + sig + '\",\"encodedDataFormat\":\"v1\"}';\nawait fetch(" + URL + ", { method: \"POST\", body });"),
      errors: [{ messageId: "wrong-value", line: 5 }],
    },
  ],
});
