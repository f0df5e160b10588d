import * as assert from 'node:assert/strict';
import { personaName } from '../../src/chat/personaName';

describe('persona name', () => {
  it('names the default persona Inkwell, not its whole instructions', () => {
    assert.equal(
      personaName(
        'You are Inkwell, a writing assistant. Answer in Markdown. Be clear and concise, and answer in the language the user writes in.',
      ),
      'Inkwell',
    );
  });

  it('takes the role from "You are a …" without the article', () => {
    assert.equal(personaName("You are a careful copy editor. Keep the author's voice."), 'Careful copy editor');
  });

  it('takes the role from a Chinese persona', () => {
    assert.equal(personaName('你是一位严谨的编辑，回答要简洁。'), '一位严谨的编辑');
  });

  it('shortens any other first line to a header-sized name', () => {
    assert.equal(
      personaName('Answer every question as a pirate would, with a lot of nautical words.\nAlways.'),
      'Answer every question a…',
    );
    assert.equal(personaName('   '), '');
  });
});
