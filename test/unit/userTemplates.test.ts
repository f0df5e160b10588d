import * as assert from 'assert';
import { buildTaskMessages } from '../../src/prompts/tasks';
import { parseTemplateFile, settingTemplates, templateTask } from '../../src/prompts/userTemplates';

describe('User prompt templates', () => {
  it('read the title and output mode from front matter and the prompt from the body', () => {
    const template = parseTemplateFile(
      '.inkwell/prompts/haiku.md',
      '---\ntitle: "Haiku"\noutput: newDocument\n---\nTurn {{selection}} into a haiku.\n',
    );
    assert.deepStrictEqual(template, {
      title: 'Haiku',
      body: 'Turn {{selection}} into a haiku.',
      output: 'newDocument',
      source: '.inkwell/prompts/haiku.md',
    });
  });

  it('fall back to the file name as the title without front matter', () => {
    assert.strictEqual(parseTemplateFile('prompts/Press release.md', 'Write a press release from the text.').title, 'Press release');
  });

  it('name the file and the unknown placeholder when a template uses one', () => {
    assert.throws(
      () => parseTemplateFile('.inkwell/prompts/bad.md', '---\ntitle: Bad\n---\nUse {{selecton}} here.'),
      /^Error: \.inkwell\/prompts\/bad\.md: "Bad" uses unknown placeholder \{\{selecton\}\}/,
    );
  });

  it('name the file when the front matter is never closed', () => {
    assert.throws(() => parseTemplateFile('p/open.md', '---\ntitle: Open\nBody'), /p\/open\.md: the front matter .* never closed/);
  });

  it('name the file and the line of a front matter line that is not key: value', () => {
    assert.throws(() => parseTemplateFile('p/x.md', '---\ntitle: X\njust words\n---\nBody'), /p\/x\.md: front matter line 3/);
  });

  it('reject an unknown output mode', () => {
    assert.throws(() => parseTemplateFile('p/y.md', '---\noutput: sideways\n---\nBody'), /output "sideways"/);
  });

  it('put the framed selection where {{selection}} stands, and only there', () => {
    const task = templateTask(parseTemplateFile('t.md', 'Before.\n{{selection}}\nAfter, in {{language}}.'));
    const [, user] = buildTaskMessages(task, { text: 'My text.', answerLanguage: 'auto', variables: { language: 'English' } });
    assert.match(user.content, /^Before\.\n<inkwell-text-(\w+)>\nMy text\.\n<\/inkwell-text-\1>\nAfter, in «English»\.$/);
  });

  it('append the framed selection when the template does not place it', () => {
    const task = templateTask(parseTemplateFile('t.md', 'Rate the text from 1 to 10.'));
    const [, user] = buildTaskMessages(task, { text: 'My text.', answerLanguage: 'auto' });
    assert.match(user.content, /^Rate the text from 1 to 10\.\n\n<inkwell-text-(\w+)>\nMy text\.\n<\/inkwell-text-\1>$/);
  });

  it("read the setting's title → prompt object with each output mode from inkwell.promptOutputs", () => {
    const { templates, problems } = settingTemplates(
      { Haiku: 'Turn {{selection}} into a haiku.', Count: 'Count the words.' },
      { Haiku: 'newDocument' },
    );
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(templates, [
      { title: 'Haiku', body: 'Turn {{selection}} into a haiku.', output: 'newDocument', source: 'inkwell.prompts' },
      { title: 'Count', body: 'Count the words.', output: undefined, source: 'inkwell.prompts' },
    ]);
    assert.strictEqual(
      templateTask(templates[1]).defaultOutput,
      'insertBelow',
      'a title without an output mode inserts below, as the manifest says',
    );
  });

  it('still read the list of entries an earlier Inkwell stored in inkwell.prompts, so no template is lost', () => {
    const { templates, problems } = settingTemplates(
      [
        { title: 'Haiku', prompt: 'Turn {{selection}} into a haiku.', output: 'newDocument' },
        { title: 'Count', prompt: 'Count the words.' },
      ],
      { Count: 'clipboard' },
    );
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(templates, [
      { title: 'Haiku', body: 'Turn {{selection}} into a haiku.', output: 'newDocument', source: 'inkwell.prompts[0]' },
      { title: 'Count', body: 'Count the words.', output: 'clipboard', source: 'inkwell.prompts[1]' },
    ]);
  });

  it('name each broken setting entry and keep the others', () => {
    const { templates, problems } = settingTemplates(
      { Odd: 'Shorten it.', Empty: '  ', Fine: 'Shorten it.', Typo: 'Use {{selecton}}.' },
      { Odd: 'sideways' },
    );
    assert.deepStrictEqual(
      templates.map((template) => template.title),
      ['Fine'],
    );
    assert.deepStrictEqual(
      problems.map((problem) => problem.message),
      [
        'inkwell.prompts: "Odd" has output "sideways"; use one of replace, insertBelow, insertAbove, cursor, newDocument, clipboard.',
        'inkwell.prompts: "Empty" has an empty prompt.',
        'inkwell.prompts: "Typo" uses unknown placeholder {{selecton}}; available: {{selection}}, {{document}}, {{language}}, {{input}}.',
      ],
    );
    assert.deepStrictEqual(
      settingTemplates([{ prompt: 'No title.' }, 'junk'], {}).problems.map((problem) => problem.source),
      ['inkwell.prompts[0]', 'inkwell.prompts[1]'],
    );
  });
});
