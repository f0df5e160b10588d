// Moves every user-visible string of package.json into package.nls.json as a
// `%key%`, so VS Code can show the manifest in the display language: run it
// after adding a command, setting, view or walkthrough step, then write the
// Chinese for the keys it lists in package.nls.zh-cn.json. package.json is
// edited in place, string by string, so its layout and the diff stay small.
// `--check` changes nothing and exits 1 when a string is still literal or a
// key has no Chinese (a unit test runs it that way).
// Plain JavaScript, because it runs before anything is compiled.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const files = {
  manifest: path.join(root, 'package.json'),
  english: path.join(root, 'package.nls.json'),
  chinese: path.join(root, 'package.nls.zh-cn.json'),
};

/** `inkwell.review.accept` → `review.accept`: the prefix is the same everywhere. */
const short = (id) => String(id).replace(/^inkwell\./, '');
const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-');

/** The settings fields VS Code shows; the value of each is localizable. */
const settingFields = ['title', 'description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage'];

/**
 * Every place in the manifest whose string a person sees, with the key it
 * gets: `{ path, key }`, where path is the list of property names and indexes
 * from the root. Enum descriptions shared by several settings (the output
 * modes) share one key, so the Chinese is written once.
 */
function localizablePlaces(manifest) {
  const places = [];
  const add = (pathParts, key) => places.push({ path: pathParts, key });
  const contributes = manifest.contributes || {};
  add(['description'], 'extension.description');
  if (manifest.capabilities?.untrustedWorkspaces?.description !== undefined)
    add(['capabilities', 'untrustedWorkspaces', 'description'], 'capabilities.untrustedWorkspaces.description');

  const enumUses = new Map();
  const settings = [];
  const visitSetting = (schema, at, prefix) => {
    if (!schema || typeof schema !== 'object') return;
    settings.push({ schema, at, prefix });
    for (const [name, child] of Object.entries(schema.properties || {}))
      visitSetting(child, [...at, 'properties', name], `${prefix}.${name}`);
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
      visitSetting(schema.additionalProperties, [...at, 'additionalProperties'], `${prefix}.value`);
    (schema.enumDescriptions || []).forEach((text, i) => {
      const use = `${schema.enum?.[i]}\u0000${text}`;
      enumUses.set(use, (enumUses.get(use) || 0) + 1);
    });
  };
  const configuration = Array.isArray(contributes.configuration)
    ? contributes.configuration
    : contributes.configuration
      ? [contributes.configuration]
      : [];
  configuration.forEach((category, c) => {
    const at = Array.isArray(contributes.configuration) ? ['contributes', 'configuration', c] : ['contributes', 'configuration'];
    if (category.title !== undefined) add([...at, 'title'], `config.category.${short(category.id || slug(category.title))}.title`);
    for (const [name, schema] of Object.entries(category.properties || {}))
      visitSetting(schema, [...at, 'properties', name], `config.${short(name)}`);
  });
  for (const { schema, at, prefix } of settings) {
    for (const field of settingFields) if (typeof schema[field] === 'string') add([...at, field], `${prefix}.${field}`);
    (schema.enumDescriptions || []).forEach((text, i) => {
      const value = schema.enum?.[i] ?? i;
      const shared = enumUses.get(`${schema.enum?.[i]}\u0000${text}`) > 1;
      add([...at, 'enumDescriptions', i], shared ? `config.enum.${value}.description` : `${prefix}.enum.${value}.description`);
    });
  }

  (contributes.commands || []).forEach((command, i) => {
    for (const field of ['title', 'shortTitle'])
      if (command[field] !== undefined) add(['contributes', 'commands', i, field], `command.${short(command.command)}.${field}`);
    if (command.category !== undefined) add(['contributes', 'commands', i, 'category'], `command.category.${slug(command.category)}`);
  });
  (contributes.submenus || []).forEach((submenu, i) => add(['contributes', 'submenus', i, 'label'], `submenu.${short(submenu.id)}.label`));
  (contributes.colors || []).forEach((color, i) =>
    add(['contributes', 'colors', i, 'description'], `color.${short(color.id)}.description`),
  );
  for (const [where, containers] of Object.entries(contributes.viewsContainers || {}))
    containers.forEach((container, i) =>
      add(['contributes', 'viewsContainers', where, i, 'title'], `viewsContainer.${short(container.id)}.title`),
    );
  for (const [container, views] of Object.entries(contributes.views || {}))
    views.forEach((view, i) => {
      for (const field of ['name', 'contextualTitle'])
        if (view[field] !== undefined) add(['contributes', 'views', container, i, field], `view.${short(view.id)}.${field}`);
    });
  (contributes.viewsWelcome || []).forEach((welcome, i) =>
    add(['contributes', 'viewsWelcome', i, 'contents'], `viewsWelcome.${short(welcome.view)}.${i}.contents`),
  );
  (contributes.walkthroughs || []).forEach((walkthrough, w) => {
    const at = ['contributes', 'walkthroughs', w];
    const prefix = `walkthrough.${walkthrough.id}`;
    for (const field of ['title', 'description']) if (walkthrough[field] !== undefined) add([...at, field], `${prefix}.${field}`);
    (walkthrough.steps || []).forEach((step, s) => {
      for (const field of ['title', 'description'])
        if (step[field] !== undefined) add([...at, 'steps', s, field], `${prefix}.${step.id}.${field}`);
      // The Markdown beside a step is a path, localized like any string: the Chinese manifest points at media/walkthrough/zh-cn/.
      if (step.media?.markdown !== undefined) add([...at, 'steps', s, 'media', 'markdown'], `${prefix}.${step.id}.markdown`);
      if (step.media?.altText !== undefined) add([...at, 'steps', s, 'media', 'altText'], `${prefix}.${step.id}.altText`);
    });
  });
  (contributes.chatParticipants || []).forEach((participant, p) => {
    const at = ['contributes', 'chatParticipants', p];
    for (const field of ['fullName', 'description'])
      if (participant[field] !== undefined) add([...at, field], `chat.${short(participant.id)}.${field}`);
    (participant.commands || []).forEach((command, c) => {
      if (command.description !== undefined)
        add([...at, 'commands', c, 'description'], `chat.${short(participant.id)}.${command.name}.description`);
    });
  });
  return places;
}

const valueAt = (object, pathParts) => pathParts.reduce((value, part) => (value == null ? undefined : value[part]), object);
const isKey = (value) => typeof value === 'string' && /^%[^%\s]+%$/.test(value);

/**
 * Where each string value starts and ends in the JSON text, by its path, so a
 * value can be replaced without rewriting the file. A minimal scanner: the
 * text is known to be valid JSON.
 */
function stringSpans(text) {
  const spans = new Map();
  let i = 0;
  const skip = () => {
    while (/\s/.test(text[i])) i++;
  };
  const readString = () => {
    const start = i++;
    while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return { start, end: i, value: JSON.parse(text.slice(start, i)) };
  };
  const readValue = (at) => {
    skip();
    if (text[i] === '"') {
      const { start, end } = readString();
      spans.set(JSON.stringify(at), { start, end });
    } else if (text[i] === '{' || text[i] === '[') {
      const object = text[i++] === '{';
      for (let index = 0; ; index++) {
        skip();
        if (text[i] === '}' || text[i] === ']') break;
        let part = index;
        if (object) {
          part = readString().value;
          skip();
          i++; // the colon
        }
        readValue([...at, part]);
        skip();
        if (text[i] === ',') i++;
      }
      i++;
    } else {
      while (i < text.length && !/[\s,\]}]/.test(text[i])) i++;
    }
  };
  readValue([]);
  return spans;
}

const readJson = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {});

function main() {
  const check = process.argv.includes('--check');
  let text = fs.readFileSync(files.manifest, 'utf8');
  const manifest = JSON.parse(text);
  const english = readJson(files.english);
  const chinese = readJson(files.chinese);
  const literal = [];
  for (const { path: at, key } of localizablePlaces(manifest)) {
    const value = valueAt(manifest, at);
    if (typeof value !== 'string' || isKey(value)) continue;
    if (english[key] !== undefined && english[key] !== value)
      throw new Error(`${key} already holds other English: ${JSON.stringify(english[key])}`);
    literal.push({ at, key, value });
    english[key] = value;
  }
  const used = new Set([...text.matchAll(/"%([^%\s"]+)%"/g)].map((match) => match[1]).concat(literal.map((entry) => entry.key)));
  const untranslated = [...used].filter((key) => typeof chinese[key] !== 'string' || chinese[key] === '');
  if (check) {
    for (const { key, value } of literal) console.error(`still literal in package.json: ${key} = ${JSON.stringify(value)}`);
    for (const key of untranslated) console.error(`no Chinese in package.nls.zh-cn.json: ${key}`);
    process.exit(literal.length + untranslated.length > 0 ? 1 : 0);
  }
  // Replaced from the end, so earlier offsets stay right.
  const spans = stringSpans(text);
  const edits = literal.map(({ at, key }) => ({ ...spans.get(JSON.stringify(at)), key })).sort((a, b) => b.start - a.start);
  for (const { start, end, key } of edits) text = text.slice(0, start) + JSON.stringify(`%${key}%`) + text.slice(end);
  fs.writeFileSync(files.manifest, text);
  const inTextOrder = new Set([...text.matchAll(/"%([^%\s"]+)%"/g)].map((match) => match[1]));
  const ordered = Object.fromEntries([...inTextOrder].filter((key) => english[key] !== undefined).map((key) => [key, english[key]]));
  fs.writeFileSync(files.english, JSON.stringify(ordered, undefined, 2) + '\n');
  console.log(`package.json: ${literal.length} strings moved to package.nls.json (${Object.keys(ordered).length} keys)`);
  if (untranslated.length > 0) {
    console.log(`Write the Chinese for these keys in package.nls.zh-cn.json:\n  ${untranslated.join('\n  ')}`);
    process.exitCode = 1;
  }
}

if (require.main === module) main();

module.exports = { localizablePlaces };
