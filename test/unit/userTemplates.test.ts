import * as assert from 'assert';
import { buildTaskMessages } from '../../src/prompts/tasks';
import { parseTemplateFile, templateTask } from '../../src/prompts/userTemplates';

describe('User prompt templates', () => {
  it('read the title and output mode from front matter and the prompt from the body', () => {
    const template = parseTemplateFile('.inkwell/prompts/haiku.md', '---\ntitle: "Haiku"\noutput: newDocument\n---\nTurn {{selection}} into a haiku.\n');
    assert.deepStrictEqual(template, { title: 'Haiku', body: 'Turn {{selection}} into a haiku.', output: 'newDocument', source: '.inkwell/prompts/haiku.md' });
  });

  it('fall back to the file name as the title without front matter', () => {
    assert.strictEqual(parseTemplateFile('prompts/Press release.md', 'Write a press release from the text.').title, 'Press release');
  });

  it('name the file and the unknown placeholder when a template uses one', () => {
    assert.throws(() => parseTemplateFile('.inkwell/prompts/bad.md', '---\ntitle: Bad\n---\nUse {{selecton}} here.'), /^Error: \.inkwell\/prompts\/bad\.md: "Bad" uses unknown placeholder \{\{selecton\}\}/);
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
});
