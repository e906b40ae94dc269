/**
 * The chat page's pure parts: bot text to HTML (escaped, paragraphs, lists, the few marks render.ts
 * writes, web addresses as links), Accept-Encoding and Accept-Language, and the conversation cookie.
 */
import { clearedCookie, conversationCookie, conversationFromCookie, isLoopbackHost } from '../../src/channels/pageCookie';
import { currentChoices, days, escapeHtml, renderPage, textHtml } from '../../src/channels/pageHtml';
import { createTexts } from '../../src/i18n';
import { acceptLanguage } from '../../src/channels/webPage';
import { exitWords, isExitWord } from '../../src/understand/exitWords';
import { chooseEncoding, contentSecurityPolicy } from '../../src/server/static';

describe('bot text as HTML', () => {
  it('escapes everything and keeps paragraphs, line breaks, lists and the title and because marks', () => {
    expect(textHtml('<b>hi</b> & "you"')).toBe('<p>&lt;b&gt;hi&lt;/b&gt; &amp; &quot;you&quot;</p>');
    expect(textHtml('one\ntwo\n\nthree')).toBe('<p>one<br>two</p><p>three</p>');
    expect(textHtml('- a <i>\n- b')).toBe('<ul><li>a &lt;i&gt;</li><li>b</li></ul>');
    expect(textHtml('**Title <x>**\n\n_because you said so_')).toBe('<p><strong>Title &lt;x&gt;</strong></p><p><em>because you said so</em></p>');
  });

  it('makes web addresses links, without the sentence’s final punctuation, and never lets one break out of its attribute', () => {
    expect(textHtml('See https://ailalawyer.com/.')).toBe('<p>See <a href="https://ailalawyer.com/" rel="noopener noreferrer">https://ailalawyer.com/</a>.</p>');
    const html = textHtml('x https://a.org/?q=1&r="><script>alert(1)</script>');
    expect(html).not.toContain('<script');
    expect(html).toContain('href="https://a.org/?q=1&amp;r="');
    expect(textHtml('javascript:alert(1) ftp://x')).not.toContain('<a');
  });

  it('offers the choices of the last reply that has any', () => {
    expect(currentChoices([{ text: 'a', choices: [{ value: 'x', title: 'X' }] }, { text: 'b' }])).toEqual([{ value: 'x', title: 'X' }]);
    expect(currentChoices([{ text: 'a' }])).toEqual([]);
  });

  it('says retention days plainly', () => {
    expect(days(30)).toBe('30');
    expect(days(0.5)).toBe('0.5');
    expect(escapeHtml("'")).toBe('&#39;');
  });
});

describe('request headers', () => {
  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip;q=0.5', 'gzip'],
    ['*', 'br'],
    ['identity', null],
    [undefined, null],
  ] as const)('Accept-Encoding %s -> %s', (header, encoding) => {
    expect(chooseEncoding(header)).toBe(encoding);
  });

  it('takes the first language by weight from Accept-Language', () => {
    expect(acceptLanguage('es-MX,es;q=0.9,en;q=0.8')).toBe('es-MX');
    expect(acceptLanguage('en;q=0.5, es;q=0.9')).toBe('es');
    expect(acceptLanguage('*')).toBeUndefined();
    expect(acceptLanguage(undefined)).toBeUndefined();
  });

  it('knows the exit words in both languages, as the bot does', () => {
    for (const w of ['exit', ' EXIT ', 'Salir', 'salida rápida', 'quick exit']) expect(isExitWord(w)).toBe(true);
    for (const w of ['exits', 'I want to exit', '']) expect(isExitWord(w)).toBe(false);
  });

  it('gives the page script those words in its data, normalized as the script compares them', () => {
    const html = renderPage({
      locale: 'en',
      t: createTexts().translator('en'),
      texts: { en: {}, es: {} },
      replies: [],
      token: 'wc-1.sig',
      quickExitUrl: 'https://www.weather.gov/',
      exitWords,
      assets: { script: '/app.js', modules: ['/session.js', '/view.js'], style: '/app.css' },
      sessionDays: 7,
      recordDays: 90,
    });
    // The script is an ES module (deferred by default) and every module it imports is preloaded with it.
    expect(html).toContain('<script type="module" src="/app.js"></script>\n<link rel="modulepreload" href="/session.js">\n<link rel="modulepreload" href="/view.js">\n</head>');
    const data = JSON.parse(/<script type="application\/json" id="page-data">(.*?)<\/script>/s.exec(html)![1]!) as { exitWords: string[] };
    expect(data.exitWords).toEqual(['exit', 'quit', 'stop', 'quick exit', 'salir', 'salida rapida']);
  });

  it('lets the forms reach the quick exit’s site and nothing else', () => {
    expect(contentSecurityPolicy(undefined, 'https://www.weather.gov/')).toContain("form-action 'self' https://www.weather.gov;");
    expect(contentSecurityPolicy(undefined, 'javascript:alert(1)')).toContain("form-action 'self';");
    expect(contentSecurityPolicy()).not.toContain('unsafe-inline');
  });
});

describe('the conversation cookie', () => {
  const id = 'wc-abcdefghijklmnopqrstuvwx';

  it('is HttpOnly and SameSite=Strict, Secure except on loopback, with no expiry', () => {
    expect(conversationCookie(id, '127.0.0.1:3978')).toBe(`puente_conversation=${id}; Path=/; HttpOnly; SameSite=Strict`);
    expect(conversationCookie(id, 'localhost')).not.toContain('Secure');
    expect(conversationCookie(id, 'chat.example.org')).toBe(`puente_conversation=${id}; Path=/; HttpOnly; SameSite=Strict; Secure`);
    expect(clearedCookie('chat.example.org')).toBe('puente_conversation=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict; Secure');
    expect(isLoopbackHost('[::1]:3978')).toBe(true);
    expect(isLoopbackHost('127.evil.example')).toBe(false);
  });

  it('reads only a well-formed conversation id', () => {
    expect(conversationFromCookie(`a=1; puente_conversation=${id}; b=2`)).toBe(id);
    expect(conversationFromCookie('puente_conversation=../../etc')).toBeNull();
    expect(conversationFromCookie('puente_conversation=')).toBeNull();
    expect(conversationFromCookie(undefined)).toBeNull();
  });
});
