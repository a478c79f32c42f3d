// A Postman v2.1 collection with one login request, pretty-printed as Postman saves it.
// With a string URL and no events, the request body starts on line 13 and its raw JSON is on line 15.
export function postmanCollection(raw: string, options: { events?: unknown[]; url?: unknown } = {}): string {
  return JSON.stringify(
    {
      info: { name: "Anaplan", schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
      event: options.events ?? [],
      item: [
        {
          name: "login",
          request: { method: "POST", url: options.url ?? "https://auth.anaplan.com/token/authenticate", body: { mode: "raw", raw } },
        },
      ],
    },
    null,
    2,
  );
}
