import * as assert from 'assert';
import {
  commandArguments,
  flag,
  noArguments,
  oneOf,
  positiveNumber,
  required,
  rule,
  text,
  textList,
  trimmedText,
  wholeNumber,
} from '../../src/commands/commandArguments';
import { outputModes } from '../../src/prompts/tasks';

const shared = { secrets: oneOf(['send', 'remove', 'cancel']) };
const translate = commandArguments({ target: text, output: oneOf(outputModes), alternative: wholeNumber }, ['target']);
const setApiKey = commandArguments({ key: text, confirmed: flag, hint: text }, ['key', 'hint']);
const draft = commandArguments({ topic: required(text), words: positiveNumber, outline: textList }, ['topic']);

/** What VS Code passes from the editor's context menu: a real `vscode.Uri` has these fields and methods. */
const documentUri = {
  scheme: 'file',
  authority: '',
  path: '/notes/tides.md',
  query: '',
  fragment: '',
  fsPath: '/notes/tides.md',
  with: () => documentUri,
  toJSON: () => ({}),
};

function problemOf(reading: { ok: boolean; problem?: string }): string {
  assert.strictEqual(reading.ok, false, 'the argument should be refused');
  return reading.problem!;
}

describe('Command arguments', () => {
  it('reads a bare string as the field it stands for', () => {
    assert.deepStrictEqual(translate.read(['French'], shared), { ok: true, value: { target: 'French' } });
  });

  it('reads the fields of one object', () => {
    assert.deepStrictEqual(translate.read([{ target: 'auto', output: 'insertBelow', alternative: 0 }], shared), {
      ok: true,
      value: { target: 'auto', output: 'insertBelow', alternative: 0 },
    });
  });

  it('reads fields spread over positions, as (key, options) and (undefined, { hint }) calls pass them', () => {
    assert.deepStrictEqual(setApiKey.read(['sk-1', { confirmed: true }]), { ok: true, value: { key: 'sk-1', confirmed: true } });
    assert.deepStrictEqual(setApiKey.read([undefined, { hint: 'https://keys.example' }]), {
      ok: true,
      value: { hint: 'https://keys.example' },
    });
    assert.deepStrictEqual(setApiKey.read(['sk-1', 'https://keys.example']), {
      ok: true,
      value: { key: 'sk-1', hint: 'https://keys.example' },
    });
  });

  for (const [what, context] of [
    ['the document Uri of the editor context menu', documentUri],
    ['a Uri as it looks after passing through JSON', { $mid: 1, scheme: 'untitled', path: 'Untitled-1' }],
    ['the list of Uris the explorer passes', [documentUri, documentUri]],
    ['a text editor', { document: { uri: documentUri }, selection: { start: {}, end: {} } }],
    ['null', null],
  ] as const) {
    it(`counts ${what} as no argument`, () => {
      assert.deepStrictEqual(translate.read([context], shared), { ok: true, value: undefined });
    });
  }

  it('takes a Uri where the field at that position takes one', () => {
    const target = rule('a file Uri', (value) =>
      typeof value === 'object' && value !== null && 'fsPath' in value ? { value: value as typeof documentUri } : undefined,
    );
    const exportArgs = commandArguments({ target, overwrite: flag }, ['target', null]);
    assert.deepStrictEqual(exportArgs.read([documentUri, { overwrite: true }]), {
      ok: true,
      value: { target: documentUri, overwrite: true },
    });
    assert.match(problemOf(exportArgs.read([documentUri, 'yes'])), /takes \{ target, overwrite \} \(got "yes"\)/);
  });

  it('does not read past its last position, where editor-title menus put their own context', () => {
    assert.deepStrictEqual(translate.read([documentUri, { groupId: 1, editorIndex: 0 }], shared), { ok: true, value: undefined });
  });

  it('counts an empty object, or one holding only the shared fields, as no argument', () => {
    assert.deepStrictEqual(draft.read([{}], shared), { ok: true, value: undefined });
    assert.deepStrictEqual(draft.read([{ secrets: 'send' }], shared), { ok: true, value: undefined });
    assert.deepStrictEqual(noArguments.read([{ secrets: 'cancel' }], shared), { ok: true, value: undefined });
  });

  it('checks the shared fields too', () => {
    assert.strictEqual(
      problemOf(translate.read([{ target: 'French', secrets: 'always' }], shared)),
      '"secrets" must be one of send, remove, cancel (got "always").',
    );
  });

  it('refuses a value the field does not allow, naming the field and the values it takes', () => {
    assert.strictEqual(
      problemOf(translate.read([{ output: 'sideways' }], shared)),
      '"output" must be one of replace, insertBelow, insertAbove, cursor, newDocument, clipboard (got "sideways").',
    );
    assert.strictEqual(problemOf(translate.read([{ target: 42 }], shared)), '"target" must be a string (got 42).');
    assert.strictEqual(problemOf(translate.read([42], shared)), '"target" must be a string (got 42).');
    assert.strictEqual(
      problemOf(translate.read([{ alternative: 1.5 }], shared)),
      '"alternative" must be a whole number from 0 up (got 1.5).',
    );
    assert.strictEqual(
      problemOf(draft.read([{ topic: 'tides', outline: ['One', 2] }])),
      '"outline" must be a list of strings (got a list).',
    );
    assert.strictEqual(problemOf(draft.read([{ topic: 'tides', words: -5 }])), '"words" must be a number greater than 0 (got -5).');
  });

  it('refuses an unknown field, naming the fields it takes and the one a typo meant', () => {
    assert.strictEqual(
      problemOf(translate.read([{ target: 'French', ouput: 'replace' }], shared)),
      'there is no "ouput" field (did you mean "output"?): it takes { target, output, alternative, secrets }.',
    );
    assert.strictEqual(
      problemOf(translate.read([{ Target: 'French' }], shared)),
      'there is no "Target" field (did you mean "target"?): it takes { target, output, alternative, secrets }.',
    );
    assert.strictEqual(
      problemOf(translate.read([{ language: 'French' }], shared)),
      'there is no "language" field: it takes { target, output, alternative, secrets }.',
    );
  });

  it('refuses a bare value where no field stands for one', () => {
    const improve = commandArguments({ output: oneOf(outputModes) });
    assert.strictEqual(problemOf(improve.read(['replace'], shared)), 'takes { output, secrets } (got "replace").');
    assert.strictEqual(problemOf(noArguments.read([true])), 'takes no arguments (got true).');
    assert.strictEqual(problemOf(noArguments.read([{ now: true }], shared)), 'there is no "now" field: it takes { secrets }.');
  });

  it('requires a required field once any argument is given', () => {
    assert.strictEqual(
      problemOf(draft.read([{ words: 400 }], shared)),
      '"topic" is required: it takes { topic, words, outline, secrets }.',
    );
    assert.deepStrictEqual(draft.read(['tides'], shared), { ok: true, value: { topic: 'tides' } });
  });

  it('counts a blank trimmed string as left out', () => {
    const provider = commandArguments({ preset: trimmedText, model: trimmedText }, ['preset']);
    assert.deepStrictEqual(provider.read([{ preset: ' ollama ', model: '  ' }]), { ok: true, value: { preset: 'ollama' } });
  });

  it('refuses a "__proto__" key from parsed JSON as an unknown field and leaves the value plain', () => {
    assert.match(problemOf(translate.read([JSON.parse('{"__proto__": {"output": "replace"}}')], shared)), /there is no "__proto__" field/);
    const reading = translate.read([JSON.parse('{"target": "French"}')], shared);
    assert.ok(reading.ok && Object.getPrototypeOf(reading.value) === Object.prototype);
  });

  it('never throws, whatever it is given', () => {
    for (const value of [0, NaN, '', [], [1], () => 1, Symbol('s'), new Date(0), { output: { nested: true } }, Object.create(null)]) {
      assert.doesNotThrow(() => translate.read([value, value], shared));
      assert.doesNotThrow(() => setApiKey.read([value, value], shared));
    }
  });
});
