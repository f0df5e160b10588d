import * as fs from 'fs';
import * as path from 'path';
import * as assert from 'assert';
import {
  answerButtons,
  answerCommands,
  failureButtons,
  participantId,
  participantName,
  RecentExchanges,
  typedRequest,
} from '../../src/participant/participantRequest';
import { actionsByCategory } from '../../src/shared/errorActions';
import { parseSlashCommand, slashCommandList } from '../../src/shared/slashCommands';
import { readManifest } from '../support/manifestStrings';
import { repoRoot } from '../support/installVsCodeServer';

/** Inkwell's runtime strings, English text → translation (the English bundle maps each to itself). */
function runtimeBundle(language: 'en' | 'zh-cn'): Record<string, string> {
  const file = language === 'en' ? 'bundle.l10n.json' : `bundle.l10n.${language}.json`;
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', file), 'utf8')) as Record<string, string>;
}

const manifest = readManifest<{
  contributes: {
    chatParticipants: Array<{ id: string; name: string; commands: Array<{ name: string; description: string }> }>;
    commands: Array<{ command: string }>;
  };
}>();

describe('The @inkwell participant request', () => {
  it('turns the chat view command and prompt into what the panel parses, argument and text alike', () => {
    assert.strictEqual(typedRequest('translate', 'German\nGood morning.'), '/translate German\nGood morning.');
    assert.deepStrictEqual(parseSlashCommand(typedRequest('translate', 'German\nGood morning.')), {
      name: 'translate',
      argument: 'German',
      text: 'Good morning.',
    });
    assert.strictEqual(typedRequest('summarize', ''), '/summarize');
    assert.strictEqual(typedRequest('tone', '  friendly'), '/tone friendly');
  });

  it('answers a request without a command, or with one Inkwell does not know, as a plain question', () => {
    assert.strictEqual(typedRequest(undefined, 'How do I start an essay?'), 'How do I start an essay?');
    assert.strictEqual(typedRequest('explain', 'this'), 'this');
  });

  it('offers the same fix buttons for a failure as the editor notifications and the panel, running their commands', () => {
    assert.deepStrictEqual(failureButtons('authFailed'), [
      { title: 'Set API Key', command: 'inkwell.setApiKey', arguments: [] },
      { title: 'Choose Provider', command: 'inkwell.chooseProvider', arguments: [] },
    ]);
    assert.deepStrictEqual(failureButtons('contextTooLong'), [
      { title: 'Open Settings', command: 'workbench.action.openSettings', arguments: ['inkwell.'] },
    ]);
    assert.deepStrictEqual(
      failureButtons('network').map((button) => button.title),
      actionsByCategory.network,
    );
    assert.deepStrictEqual(
      failureButtons('somethingNew').map((button) => button.title),
      ['Show Log'],
    );
  });

  it('puts Insert, Review and Continue under an answer, each carrying the exchange id, and each a declared command', () => {
    const buttons = answerButtons('exchange-1');
    assert.deepStrictEqual(
      buttons.map((button) => [button.title, button.command, button.arguments]),
      [
        ['Insert at Cursor', answerCommands.insert, [{ exchange: 'exchange-1' }]],
        ['Review as Replacement', answerCommands.review, [{ exchange: 'exchange-1' }]],
        ['Continue in Inkwell Chat', answerCommands.continueInChat, [{ exchange: 'exchange-1' }]],
      ],
    );
    const declared = manifest.contributes.commands.map((entry) => entry.command);
    for (const command of Object.values(answerCommands)) assert.ok(declared.includes(command), `${command} is in package.json`);
  });

  it('keeps only the newest exchanges, and a remembered one again counts as new', () => {
    const recent = new RecentExchanges<string>(2);
    recent.remember('a', 'first');
    recent.remember('b', 'second');
    recent.remember('a', 'first again');
    recent.remember('c', 'third');
    assert.strictEqual(recent.recall('b'), undefined);
    assert.strictEqual(recent.recall('a'), 'first again');
    assert.strictEqual(recent.recall('c'), 'third');
  });

  it("is declared in package.json with the panel's slash commands, in the panel's order and words, in English and Chinese", () => {
    for (const language of ['en', 'zh-cn'] as const) {
      const [participant] = readManifest<typeof manifest>(language).contributes.chatParticipants;
      assert.strictEqual(participant.id, participantId);
      assert.strictEqual(participant.name, participantName);
      assert.deepStrictEqual(
        participant.commands.map(({ name }) => name),
        slashCommandList.map(({ name }) => name),
      );
      // The panel's descriptions are runtime strings: the English is the bundle's key, the Chinese its translation.
      const english = readManifest<typeof manifest>('en').contributes.chatParticipants[0].commands;
      const panel = language === 'en' ? undefined : runtimeBundle(language);
      participant.commands.forEach((command, index) => {
        assert.ok(
          english[index].description in runtimeBundle('en'),
          `/${command.name}: "${english[index].description}" is not a panel string`,
        );
        assert.strictEqual(command.description, panel ? panel[english[index].description] : english[index].description, `/${command.name}`);
      });
    }
  });
});
