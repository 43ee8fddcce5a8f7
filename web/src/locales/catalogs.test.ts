import { expect, test } from "vitest";

// Raw text (the Lingui plugin compiles only imports ending in .po, not ?raw).
const catalogFiles = import.meta.glob<string>("./*/*.po", {
  query: "?raw",
  import: "default",
  eager: true,
});
const sourceFiles = import.meta.glob<string>(["../**/*.{ts,tsx}", "!../**/*.test.{ts,tsx}"], {
  query: "?raw",
  import: "default",
  eager: true,
});

function unquote(literal: string): string {
  return JSON.parse(literal) as string;
}

/** msgid → msgstr for the single-line entries our catalogs use (multi-line strings joined). */
function parsePo(text: string): Map<string, string> {
  const entries = new Map<string, string>();
  const pattern =
    /^msgid ("(?:[^"\\]|\\.)*"(?:\n"(?:[^"\\]|\\.)*")*)\nmsgstr ("(?:[^"\\]|\\.)*"(?:\n"(?:[^"\\]|\\.)*")*)/gm;
  for (const match of text.matchAll(pattern)) {
    const join = (block: string) => block.split("\n").map(unquote).join("");
    const id = join(match[1] as string);
    if (id !== "") entries.set(id, join(match[2] as string));
  }
  return entries;
}

/** The argument text of every `_(…)` call, up to its matching parenthesis. */
function translateCallArguments(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/\b_\(/g)) {
    let depth = 1;
    let index = (match.index ?? 0) + match[0].length;
    const start = index;
    while (index < source.length && depth > 0) {
      const char = source[index];
      if (char === "(") depth++;
      else if (char === ")") depth--;
      index++;
    }
    found.push(source.slice(start, index - 1));
  }
  return found;
}

const stringLiteral = /"((?:[^"\\\n]|\\.)*)"/g;
const messageId = /^[a-z][\w-]*(\.[\w-]+)+$/;

/**
 * Ids are written literally, in one of three forms: `i18n._("id")` (also both
 * arms of a ternary inside the call), `{ id: "id" }` descriptors, or
 * `<Trans id="id" />`.
 */
function usedIds(): Map<string, string> {
  const ids = new Map<string, string>();
  for (const [file, source] of Object.entries(sourceFiles)) {
    const add = (id: string) => {
      if (messageId.test(id) && !ids.has(id)) ids.set(id, file);
    };
    for (const args of translateCallArguments(source)) {
      for (const literal of args.matchAll(stringLiteral)) add(literal[1] as string);
    }
    for (const match of source.matchAll(/\bid(?::\s*|=)"([^"]+)"/g)) add(match[1] as string);
  }
  return ids;
}

/** Each language's catalog is two files: first-screen.po and messages.po (web/lingui.config.ts). */
const parts = Object.entries(catalogFiles).map(([path, text]) => {
  const [, language, file] = path.split("/");
  return { language: language as "en" | "hi", file: file as string, entries: parsePo(text) };
});
const catalogs = Object.fromEntries(
  ["en", "hi"].map((language) => [
    language,
    new Map(
      parts.filter((part) => part.language === language).flatMap((part) => [...part.entries]),
    ),
  ]),
) as Record<"en" | "hi", Map<string, string>>;

test("both catalogs are there, in two parts each, and the source uses a plausible number of ids", () => {
  expect(parts.map((part) => `${part.language}/${part.file}`).sort()).toEqual([
    "en/first-screen.po",
    "en/messages.po",
    "hi/first-screen.po",
    "hi/messages.po",
  ]);
  expect(usedIds().size).toBeGreaterThan(200);
});

test("each id is in one part only, the same part in both languages", () => {
  const partOf = (language: "en" | "hi") =>
    parts
      .filter((part) => part.language === language)
      .flatMap((part) => [...part.entries.keys()].map((id) => `${part.file} ${id}`))
      .sort();
  const en = partOf("en");
  expect(new Set(en.map((entry) => entry.split(" ")[1])).size).toBe(en.length);
  expect(partOf("hi")).toEqual(en);
});

test.each(["en", "hi"] as const)(
  "every id used in web/src has a non-empty %s message",
  (language) => {
    const catalog = catalogs[language];
    const problems = [...usedIds()]
      .filter(([id]) => !catalog.get(id)?.trim())
      .map(([id, file]) => `${id} (${file})`);
    expect(problems).toEqual([]);
  },
);

test("the two catalogs have exactly the same ids", () => {
  const en = [...catalogs.en.keys()].sort();
  const hi = [...catalogs.hi.keys()].sort();
  expect(en.filter((id) => !catalogs.hi.has(id))).toEqual([]);
  expect(hi.filter((id) => !catalogs.en.has(id))).toEqual([]);
});

test("no catalog entry is left over from removed code", () => {
  const used = usedIds();
  expect([...catalogs.en.keys()].filter((id) => !used.has(id))).toEqual([]);
});

test("translations keep every placeholder of the English message", () => {
  const placeholders = (message: string) =>
    [...message.matchAll(/\{(\w+)\s*[,}]/g)].map((match) => match[1]).sort();
  const mismatched = [...catalogs.en].filter(
    ([id, english]) =>
      JSON.stringify(placeholders(english)) !==
      JSON.stringify(placeholders(catalogs.hi.get(id) ?? "")),
  );
  expect(mismatched.map(([id]) => id)).toEqual([]);
});

test("Hindi is actually Hindi, not copied English", () => {
  // Proper names may stay as they are (language names, states in both scripts are checked by hand).
  const allowedSame = new Set(["language.en", "language.hi", "otp.label", "pan.label"]);
  const copied = [...catalogs.en].filter(
    ([id, english]) => !allowedSame.has(id) && catalogs.hi.get(id) === english,
  );
  expect(copied.map(([id]) => id)).toEqual([]);
});

test("every entry is marked as an explicit id, or Lingui compiles it under a hash and the screen shows the id", () => {
  for (const [path, text] of Object.entries(catalogFiles)) {
    const unmarked = [...text.matchAll(/^(.*)\nmsgid "(.+)"$/gm)]
      .filter((match) => match[1] !== "#. js-lingui-explicit-id")
      .map((match) => `${path}: ${match[2]}`);
    expect(unmarked).toEqual([]);
  }
});
