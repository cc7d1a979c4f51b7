import { escapeMermaidLabel, shortenGuard, toMermaidId } from '../../engine/diagram/mermaid-text';

describe('escapeMermaidLabel', () => {
  it('leaves Chinese text, letters, digits and plain punctuation alone', () => {
    expect(escapeMermaidLabel('需求发起 (Marketing) - V1.0, 终稿!')).toBe(
      '需求发起 (Marketing) - V1.0, 终稿!',
    );
  });

  it('writes characters the grammar would misread as entity codes', () => {
    expect(escapeMermaidLabel('a: "b"; #c')).toBe('a#58; #34;b#34;#59; #35;c');
    expect(escapeMermaidLabel('[[choice]] <<fork>>')).toBe('#91;#91;choice#93;#93; #60;#60;fork#62;#62;');
    expect(escapeMermaidLabel('%%{init}%% `x` \\')).toBe('#37;#37;#123;init#125;#37;#37; #96;x#96; #92;');
  });

  it('encodes an ampersand only where it would start an HTML entity', () => {
    expect(escapeMermaidLabel('R&D && QA')).toBe('R&D && QA');
    expect(escapeMermaidLabel('&amp; &#60;')).toBe('#38;amp#59; #38;#35;60#59;');
  });

  it('turns line breaks and tabs into spaces and trims the ends', () => {
    expect(escapeMermaidLabel('  two\nlines\tand\r\na tab  ')).toBe('two lines and a tab');
  });

  it('breaks up `direction TB` so it is not read as a direction statement', () => {
    expect(escapeMermaidLabel('set Direction  lr now')).toBe('set Direction#32;#32;lr now');
    expect(escapeMermaidLabel('directions tbd')).toBe('directions tbd');
  });
});

describe('toMermaidId', () => {
  it('keeps word characters in any script', () => {
    expect(toMermaidId('requirement')).toBe('requirement');
    expect(toMermaidId('需求_1')).toBe('需求_1');
  });

  it('replaces characters Mermaid ids cannot hold', () => {
    expect(toMermaidId('launch-prep.v2 x')).toBe('launch_prep_v2_x');
  });

  it('moves keywords, leading digits and pseudo-state look-alikes out of the way', () => {
    expect(toMermaidId('note')).toBe('note_');
    expect(toMermaidId('State')).toBe('State_');
    expect(toMermaidId('accTitle')).toBe('accTitle_');
    expect(toMermaidId('3rdLevel')).toBe('s_3rdLevel');
    expect(toMermaidId('prep_start')).toBe('prep_start_');
    expect(toMermaidId('root_end')).toBe('root_end_');
    expect(toMermaidId('')).toBe('_');
  });
});

describe('shortenGuard', () => {
  it('keeps a short guard, collapsing whitespace', () => {
    expect(shortenGuard('  a ==\n  1  ')).toBe('a == 1');
  });

  it('cuts a long guard at the limit with an ellipsis', () => {
    const cut = shortenGuard('forms.request.impact == "low" && forms.request.cost < 10000', 20);
    expect(cut).toBe('forms.request.impac…');
    expect(Array.from(cut)).toHaveLength(20);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(shortenGuard('😀😀😀😀', 3)).toBe('😀😀…');
  });
});
