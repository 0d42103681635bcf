import { readFileSync } from "node:fs";

/** What a corrected revision should do to one annotation. */
export interface ExpectedOutcome {
  outcome: "kept" | "moved" | "changed" | "orphaned";
  /** The quoted text in the corrected revision; defaults to the tagged text. */
  exact?: string;
  /** Which occurrence of `exact` in the corrected text (0-based) the annotation must land on. */
  occurrence?: number;
}

/** One annotation of a correction case: the tagged text and where it must end up. */
export interface CorpusAnchor {
  id: string;
  /** The tagged text, found in the base text with indexOf. */
  text: string;
  /** Which occurrence of `text` in the base text is tagged (0-based). */
  occurrence?: number;
  expect: ExpectedOutcome;
}

/** A newsroom correction: the text as tagged, the text as corrected, and the annotations on it. */
export interface CorrectionCase {
  name: string;
  base: string;
  corrected: string;
  anchors: CorpusAnchor[];
}

const raw = readFileSync(new URL("../../../prisma/seed/sample-article.txt", import.meta.url), "utf8");

/** The sample article body as the editor's plain text: paragraphs joined by "\n\n", title line dropped. */
export const article = raw
  .split("\n")
  .map((line) => line.trim())
  .filter(Boolean)
  .slice(1)
  .join("\n\n");

/** `text` with `from` replaced by `to`; throws when `from` is missing so a stale case fails loudly. */
function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`corpus edit: "${from}" not found`);
  return text.replace(from, to);
}

/** Applies several edits in order. */
function edits(text: string, ...pairs: [string, string][]): string {
  return pairs.reduce((acc, [from, to]) => edit(acc, from, to), text);
}

const paragraphs = article.split("\n\n");
const paragraph = (start: string): string => {
  const found = paragraphs.find((p) => p.startsWith(start));
  if (!found) throw new Error(`corpus: no paragraph starts with "${start}"`);
  return found;
};

const strike = "The strike on the port killed 23 people, regional officials said on Tuesday. Rescue teams were still searching the rubble late into the night.";
const hedges =
  "The minister reportedly met the envoy twice before the summit.\n\nOfficials declined to comment. The talks were reportedly held in a hotel near the airport, according to two people familiar with them.\n\nA statement is expected on Friday.";
const emoji = "Reaction online was swift 🇺🇦 and largely critical 😠 of the plan.\n\nThe ministry called the reports 🗞️ misleading and promised a full statement.";

// Local news with short tags on figures and names, some of them repeated elsewhere in the text.
const council = [
  "Inflation rose to 3.2 per cent in March, the statistics office said on Wednesday, its highest level since the autumn.",
  "12 people were injured when a bus overturned on the ring road near Leeds, police said. Two remain in hospital.",
  "The council approved a $4m grant for the new library, said John Smith, the council leader. Critics said $4m was too little for a building of its size.",
  "John Smith, who has led the council since 2019, will stand again in May. He won by 212 votes",
  "Unemployment held at 4.1 per cent.",
].join("\n\n");
// The same sentence in two paragraphs, so that a figure's whole context occurs twice.
const repeatedSentence = "Police said the coach was carrying 41 passengers when it left the motorway near the junction.";
const repeated = [
  `The first report came from the regional news agency. ${repeatedSentence} It did not name the driver.`,
  `An update followed at noon. ${repeatedSentence} The driver was later named.`,
].join("\n\n");

/** At least 25 realistic corrections, each with the outcome expected for every annotation. */
export const corrections: CorrectionCase[] = [
  {
    name: "typo fix inside a tagged phrase",
    base: article,
    corrected: edit(article, "Cooperation Organisation summit", "Cooperation Organization summit"),
    anchors: [
      { id: "sco", text: "Shanghai Cooperation Organisation summit", expect: { outcome: "changed", exact: "Shanghai Cooperation Organization summit" } },
      { id: "tianjin", text: "Tianjin, China", expect: { outcome: "kept" } },
      { id: "alaska-first", text: "their meeting in Alaska last month", expect: { outcome: "kept" } },
    ],
  },
  {
    name: "changed name with an attribution on it",
    base: article,
    corrected: edit(article, "Steve Witkoff", "Steven Witkoff"),
    anchors: [
      { id: "envoy", text: "Steve Witkoff", expect: { outcome: "changed", exact: "Steven Witkoff" } },
      { id: "guarantees", text: "security guarantees for Ukraine", expect: { outcome: "moved" } },
      { id: "special-envoy", text: "US special envoy", expect: { outcome: "kept" } },
    ],
  },
  {
    name: "changed figure",
    base: strike,
    corrected: edit(strike, "killed 23 people", "killed 25 people"),
    anchors: [
      { id: "toll", text: "killed 23 people", expect: { outcome: "changed", exact: "killed 25 people" } },
      { id: "source", text: "regional officials said on Tuesday", expect: { outcome: "kept" } },
      { id: "rubble", text: "searching the rubble", expect: { outcome: "kept" } },
    ],
  },
  {
    name: "inserted sentence at the top",
    base: article,
    corrected: "Updated on Thursday with comment from the Kremlin. " + article,
    anchors: [
      { id: "claimed", text: "recently claimed he reached “understandings”", expect: { outcome: "moved" } },
      { id: "vague", text: "the details remain vague", expect: { outcome: "moved" } },
      { id: "nato", text: "NATO’s Article 5", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "inserted sentence inside a paragraph",
    base: article,
    corrected: edit(
      article,
      "with Trump. He said",
      "with Trump. A Kremlin spokesman later said the talks had been “constructive”. He said",
    ),
    anchors: [
      { id: "optimism", text: "cautious optimism", expect: { outcome: "kept" } },
      { id: "reached", text: "“understandings reached”", expect: { outcome: "moved" } },
      { id: "stopped-short", text: "stopped short of confirming any concrete agreements", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "moved paragraph",
    base: article,
    corrected: (() => {
      const moved = paragraph("However, Trump himself");
      return edit(article, moved + "\n\n", "") + "\n\n" + moved;
    })(),
    anchors: [
      { id: "weeks", text: "“a couple of weeks”", expect: { outcome: "moved" } },
      { id: "further-action", text: "take further action", expect: { outcome: "moved" } },
      { id: "played", text: "he had “played” Trump", expect: { outcome: "kept" } },
      { id: "fluid", text: "fluid and complex", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "deleted paragraph holding a claim",
    base: article,
    corrected: edit(article, paragraph("The war continues unabated") + "\n\n", ""),
    anchors: [
      { id: "killing", text: "killing dozens and drawing condemnation from European leaders", expect: { outcome: "orphaned" } },
      { id: "pledged", text: "Germany and France have pledged to increase pressure on Russia", expect: { outcome: "orphaned" } },
      { id: "pressure", text: "increase pressure", expect: { outcome: "orphaned" } },
      { id: "unabated", text: "unabated", expect: { outcome: "orphaned" } },
      { id: "next", text: "What’s Next?", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "rewritten section headline",
    base: article,
    corrected: edit(article, "What’s Next?", "Where the Talks Go From Here"),
    anchors: [
      { id: "headline", text: "What’s Next?", expect: { outcome: "orphaned" } },
      { id: "situation", text: "The situation remains fluid and complex.", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "lightly edited section headline",
    base: article,
    corrected: edit(article, "Trump’s Role and the Proposed Peace Talks", "Trump’s Role and the Planned Peace Talks"),
    anchors: [
      { id: "headline", text: "Trump’s Role and the Proposed Peace Talks", expect: { outcome: "changed", exact: "Trump’s Role and the Planned Peace Talks" } },
      { id: "following", text: "Following the Alaska meeting", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "headline rewritten while similar words stay in the body",
    base: article,
    corrected: edit(article, "What Did Putin Say About the Alaska Meeting?", "Putin’s Account of the Summit"),
    anchors: [
      { id: "headline-phrase", text: "the Alaska Meeting", expect: { outcome: "orphaned" } },
      { id: "body-phrase", text: "the Alaska meeting", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "reworded direct quote",
    base: article,
    corrected: edit(article, "he had “played” Trump", "he had “outplayed” Trump"),
    anchors: [
      { id: "played", text: "it would show he had “played” Trump", expect: { outcome: "changed", exact: "it would show he had “outplayed” Trump" } },
      { id: "macron", text: "French President Emmanuel Macron warned", expect: { outcome: "kept" } },
    ],
  },
  {
    name: "quote rewritten beyond recognition",
    base: article,
    corrected: edit(article, "stopped short of confirming any concrete agreements", "declined to say whether a deal had been struck"),
    anchors: [
      { id: "stopped-short", text: "stopped short of confirming any concrete agreements", expect: { outcome: "orphaned" } },
      { id: "could-open", text: "could open the way to peace in Ukraine", expect: { outcome: "kept" } },
    ],
  },
  {
    name: "repeated word where context decides",
    base: article,
    corrected: edit(article, "extended the deadline, giving Putin", "extended the deadline and gave Putin"),
    anchors: [
      { id: "putin", text: "Putin “a couple", expect: { outcome: "moved" } },
      { id: "putin-word", text: "Putin", occurrence: 7, expect: { outcome: "moved", exact: "Putin", occurrence: 7 } },
    ],
  },
  {
    name: "repeated phrase in an edited paragraph",
    base: article,
    corrected: edit(article, "a result of a 2014 coup in Ukraine", "a result of a 2014 uprising in Ukraine"),
    anchors: [
      { id: "west-2", text: "the West", occurrence: 1, expect: { outcome: "moved", occurrence: 1 } },
      { id: "west-1", text: "the West", occurrence: 0, expect: { outcome: "kept", occurrence: 0 } },
      { id: "west-3", text: "the West", occurrence: 2, expect: { outcome: "moved", occurrence: 2 } },
      // The year stays and only the word after it was corrected: the tag follows, back to review.
      { id: "coup", text: "2014 coup", expect: { outcome: "changed", exact: "2014 uprising" } },
    ],
  },
  {
    name: "hedge word whose sentence was deleted while the word stays elsewhere",
    base: hedges,
    corrected: edit(hedges, "The talks were reportedly held in a hotel near the airport, according to two people familiar with them.", "").replace(
      "comment. \n\n",
      "comment.\n\n",
    ),
    anchors: [
      { id: "hedge-deleted", text: "reportedly", occurrence: 1, expect: { outcome: "orphaned" } },
      { id: "hedge-kept", text: "reportedly", occurrence: 0, expect: { outcome: "kept" } },
      { id: "friday", text: "expected on Friday", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "hedge word deleted from the article with a new one elsewhere",
    base: article,
    corrected: edits(
      article,
      ["These guarantees reportedly involve", "These guarantees would involve"],
      ["Russia has criticized", "Russia has reportedly criticized"],
    ),
    anchors: [
      { id: "reportedly", text: "reportedly", expect: { outcome: "orphaned" } },
      { id: "article-5", text: "similar to NATO’s Article 5", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "repeated phrase whose paragraph was deleted",
    base: article,
    corrected: edit(article, "\n\n" + paragraph("Zelensky and Western leaders"), ""),
    anchors: [
      { id: "guarantees-last", text: "security guarantees", occurrence: 1, expect: { outcome: "orphaned" } },
      { id: "guarantees-first", text: "security guarantees", occurrence: 0, expect: { outcome: "kept" } },
      { id: "uncertain", text: "the path forward is uncertain", expect: { outcome: "orphaned" } },
    ],
  },
  {
    name: "misspelling corrected inside a claim",
    base: edit(article, "drawing condemnation", "drawing condemation"),
    corrected: article,
    anchors: [
      { id: "condemnation", text: "drawing condemation from European leaders", expect: { outcome: "changed", exact: "drawing condemnation from European leaders" } },
      { id: "germany", text: "Germany and France", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "changed deadline day",
    base: article,
    corrected: edit(article, "a Monday deadline", "a Friday deadline"),
    anchors: [
      { id: "deadline", text: "Trump had set a Monday deadline", expect: { outcome: "changed", exact: "Trump had set a Friday deadline" } },
      // "Mon" became "Fri" between unchanged words: an in-place correction of the tag.
      { id: "monday", text: "Monday", expect: { outcome: "changed", exact: "Friday" } },
      { id: "zelensky", text: "Ukrainian President Volodymyr Zelensky", expect: { outcome: "kept" } },
    ],
  },
  {
    name: "name spelling changed throughout",
    base: article,
    corrected: article.replaceAll("Zelensky", "Zelenskyy"),
    anchors: [
      { id: "full-name", text: "Ukrainian President Volodymyr Zelensky", expect: { outcome: "changed", exact: "Ukrainian President Volodymyr Zelenskyy" } },
      { id: "rejected", text: "Zelensky has rejected ideas", expect: { outcome: "changed", exact: "Zelenskyy has rejected ideas" } },
      { id: "surname", text: "Zelensky", occurrence: 2, expect: { outcome: "changed", exact: "Zelenskyy", occurrence: 2 } },
      { id: "buffer", text: "creating a buffer zone with Russia", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "word dropped from a tagged sentence",
    base: article,
    corrected: edit(article, "significant obstacles remain", "obstacles remain"),
    anchors: [
      { id: "obstacles", text: "Despite these diplomatic overtures, significant obstacles remain.", expect: { outcome: "changed", exact: "Despite these diplomatic overtures, obstacles remain." } },
      { id: "one-sided", text: "“one-sided”", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "paragraph replaced by a different one",
    base: article,
    corrected: edit(article, paragraph("The situation remains"), "The outlook is unclear. Officials in Kyiv said they would study any proposal but would not cede territory."),
    anchors: [
      { id: "situation", text: "The situation remains fluid and complex.", expect: { outcome: "orphaned" } },
      { id: "doubt", text: "cast doubt on the prospects for immediate peace", expect: { outcome: "orphaned" } },
      { id: "framework", text: "a framework for peace", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "paragraph split in two",
    base: article,
    corrected: edit(article, "last month. However, the details", "last month.\n\nHowever, the details"),
    anchors: [
      { id: "vague", text: "the details remain vague", expect: { outcome: "moved" } },
      { id: "trump", text: "former US President Donald Trump", expect: { outcome: "kept" } },
      { id: "negotiations", text: "meaningful peace negotiations", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "two paragraphs joined",
    base: article,
    corrected: edit(article, "played” Trump.\n\nHowever, Trump himself", "played” Trump. However, Trump himself"),
    anchors: [
      { id: "extended", text: "Trump himself later extended the deadline", expect: { outcome: "moved" } },
      { id: "played", text: "“played” Trump", expect: { outcome: "kept" } },
      { id: "challenges", text: "The Challenges Ahead", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "sentence rewritten around a kept name",
    base: article,
    corrected: edit(
      article,
      "French President Emmanuel Macron warned that if Putin did not agree, it would show he had “played” Trump.",
      "If Putin refused, French President Emmanuel Macron said, it would prove he had “played” Trump.",
    ),
    anchors: [
      { id: "macron", text: "French President Emmanuel Macron", expect: { outcome: "moved" } },
      { id: "warned", text: "Macron warned that if Putin did not agree", expect: { outcome: "orphaned" } },
    ],
  },
  {
    name: "text with emoji and flags before the annotation",
    base: emoji,
    corrected: edit(emoji, "Reaction online was swift 🇺🇦", "Reaction online 🌍 was swift 🇺🇦🇺🇦"),
    anchors: [
      { id: "critical", text: "largely critical 😠 of the plan", expect: { outcome: "moved" } },
      { id: "misleading", text: "reports 🗞️ misleading", expect: { outcome: "moved" } },
      { id: "reaction", text: "Reaction online", expect: { outcome: "kept" } },
    ],
  },
  {
    name: "several corrections in one revision",
    base: article,
    corrected: edits(
      article,
      ["Steve Witkoff", "Steven Witkoff"],
      ["Cooperation Organisation", "Cooperation Organization"],
      [" Germany and France have pledged to increase pressure on Russia to reach a deal.", ""],
    ),
    anchors: [
      { id: "envoy", text: "Steve Witkoff stated", expect: { outcome: "changed", exact: "Steven Witkoff stated" } },
      { id: "pledged", text: "Germany and France have pledged", expect: { outcome: "orphaned" } },
      { id: "kyiv", text: "largest aerial attacks on Kyiv", expect: { outcome: "moved" } },
      { id: "critical", text: "The coming weeks will be critical", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "straight quotes replaced by curly ones",
    base: edit(article, "“one-sided”", "\"one-sided\""),
    corrected: article,
    anchors: [
      { id: "one-sided", text: "criticized Western proposals as \"one-sided\"", expect: { outcome: "changed", exact: "criticized Western proposals as “one-sided”" } },
      { id: "provocateur", text: "strategic provocateur", expect: { outcome: "kept" } },
    ],
  },
  {
    name: "unchanged revision",
    base: article,
    corrected: article,
    anchors: [
      { id: "putin", text: "Putin", occurrence: 3, expect: { outcome: "kept", occurrence: 3 } },
      { id: "alaska", text: "Alaska", expect: { outcome: "kept" } },
    ],
  },
  {
    name: "inserted sentence repeating a tagged phrase",
    base: article,
    corrected: edit(article, "Russian President Vladimir Putin recently", "Putin expressed cautious optimism in a televised address. Russian President Vladimir Putin recently"),
    anchors: [
      { id: "optimism", text: "Putin expressed cautious optimism", expect: { outcome: "moved", occurrence: 1 } },
      { id: "tianjin", text: "summit in Tianjin", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "a paragraph pasted twice by mistake: the second copy is deleted",
    base: edit(article, "The Challenges Ahead", `${paragraph("Trump had set a Monday deadline")}\n\nThe Challenges Ahead`),
    corrected: article,
    anchors: [
      { id: "original", text: "a Monday deadline for Putin", expect: { outcome: "kept" } },
      // Its words are still there, in the copy that stays; but those are another annotation's words.
      { id: "copy", text: "a Monday deadline for Putin", occurrence: 1, expect: { outcome: "orphaned" } },
    ],
  },
  // Corrections inside a short tagged phrase: the words around it stay, so the tag follows the
  // corrected words and goes back to review.
  {
    name: "figure corrected inside a short tag",
    base: council,
    corrected: edit(council, "rose to 3.2 per cent", "rose to 3.4 per cent"),
    anchors: [
      { id: "rate", text: "3.2 per cent", expect: { outcome: "changed", exact: "3.4 per cent" } },
      { id: "figure", text: "3.2", expect: { outcome: "changed", exact: "3.4" } },
      { id: "office", text: "the statistics office said", expect: { outcome: "kept" } },
      { id: "other-rate", text: "4.1 per cent", expect: { outcome: "kept" } },
    ],
  },
  {
    name: "figure corrected at the start of a paragraph",
    base: council,
    corrected: edit(council, "12 people were injured", "15 people were injured"),
    anchors: [
      { id: "injured", text: "12 people", expect: { outcome: "changed", exact: "15 people" } },
      { id: "count", text: "12", expect: { outcome: "changed", exact: "15" } },
      { id: "hospital", text: "Two remain in hospital", expect: { outcome: "kept" } },
    ],
  },
  {
    name: "figure written out in words",
    base: council,
    corrected: edit(council, "12 people were injured", "Fifteen people were injured"),
    anchors: [
      { id: "injured", text: "12 people", expect: { outcome: "changed", exact: "Fifteen people" } },
      { id: "bus", text: "a bus overturned", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "name corrected while the same name stays elsewhere",
    base: council,
    corrected: edit(council, "said John Smith, the council leader", "said Jon Smith, the council leader"),
    anchors: [
      { id: "leader", text: "John Smith", occurrence: 0, expect: { outcome: "changed", exact: "Jon Smith" } },
      { id: "first-name", text: "John", occurrence: 0, expect: { outcome: "changed", exact: "Jon" } },
      { id: "other-mention", text: "John Smith", occurrence: 1, expect: { outcome: "moved", occurrence: 0 } },
    ],
  },
  {
    name: "whole short tag replaced while the same figure stays elsewhere",
    base: council,
    corrected: edit(council, "a $4m grant", "a $5m grant"),
    anchors: [
      { id: "grant", text: "$4m", occurrence: 0, expect: { outcome: "changed", exact: "$5m" } },
      { id: "critics", text: "$4m", occurrence: 1, expect: { outcome: "kept" } },
      { id: "library", text: "the new library", expect: { outcome: "kept" } },
    ],
  },
  {
    name: "figure corrected at the end of a paragraph",
    base: council,
    corrected: edit(council, "won by 212 votes", "won by 221 votes"),
    anchors: [
      { id: "margin", text: "212 votes", expect: { outcome: "changed", exact: "221 votes" } },
      { id: "votes", text: "212", expect: { outcome: "changed", exact: "221" } },
      { id: "since", text: "since 2019", expect: { outcome: "kept" } },
    ],
  },
  {
    name: "figure corrected at the end of the text",
    base: council,
    corrected: edit(council, "held at 4.1 per cent.", "held at 4.3 per cent."),
    anchors: [
      { id: "rate", text: "4.1 per cent", expect: { outcome: "changed", exact: "4.3 per cent" } },
      { id: "figure", text: "4.1", expect: { outcome: "changed", exact: "4.3" } },
      { id: "other-rate", text: "3.2 per cent", expect: { outcome: "kept" } },
    ],
  },
  {
    name: "two corrections in one paragraph",
    base: council,
    corrected: edits(council, ["a $4m grant", "a $4.5m grant"], ["said John Smith, the council leader", "said Jon Smith, the council leader"]),
    anchors: [
      { id: "grant", text: "$4m", occurrence: 0, expect: { outcome: "changed", exact: "$4.5m" } },
      { id: "leader", text: "John Smith", occurrence: 0, expect: { outcome: "changed", exact: "Jon Smith" } },
      { id: "critics", text: "$4m", occurrence: 1, expect: { outcome: "moved" } },
    ],
  },
  {
    name: "figure corrected in one of two identical sentences",
    base: repeated,
    corrected: edit(repeated, `noon. ${repeatedSentence}`, `noon. ${repeatedSentence.replace("41", "44")}`),
    anchors: [
      { id: "update", text: "41", occurrence: 1, expect: { outcome: "changed", exact: "44" } },
      { id: "first-report", text: "41", occurrence: 0, expect: { outcome: "kept" } },
    ],
  },
  {
    name: "figure corrected in both of two identical sentences",
    base: repeated,
    corrected: repeated.replaceAll("carrying 41 passengers", "carrying 44 passengers"),
    anchors: [
      { id: "first-report", text: "41", occurrence: 0, expect: { outcome: "changed", exact: "44", occurrence: 0 } },
      { id: "update", text: "41", occurrence: 1, expect: { outcome: "changed", exact: "44", occurrence: 1 } },
    ],
  },
  {
    name: "short tag in a fact box corrected",
    base: strike,
    corrected: edit(strike, "killed 23 people", "killed 25 people"),
    anchors: [
      { id: "toll", text: "23", expect: { outcome: "changed", exact: "25" } },
      { id: "people", text: "23 people", expect: { outcome: "changed", exact: "25 people" } },
    ],
  },
  // The words around the tag changed too, or the tag's words were rewritten rather than corrected:
  // nothing pins the new words to the annotation, so it is orphaned.
  {
    name: "figure corrected while the sentence around it was reworded",
    base: council,
    corrected: edit(council, "approved a $4m grant for the new library", "has approved $5m in funding for a library"),
    anchors: [
      { id: "grant", text: "$4m", occurrence: 0, expect: { outcome: "orphaned" } },
      { id: "critics", text: "$4m", occurrence: 1, expect: { outcome: "moved" } },
    ],
  },
  {
    name: "paragraph opening rewritten with a new figure",
    base: council,
    corrected: edit(council, "12 people were injured when", "Fifteen were hurt after"),
    anchors: [
      { id: "injured", text: "12 people", expect: { outcome: "orphaned" } },
      { id: "count", text: "12", expect: { outcome: "orphaned" } },
      { id: "police", text: "police said", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "month changed along with the words before it",
    base: council,
    corrected: edit(council, "will stand again in May", "is expected to retire in June"),
    anchors: [{ id: "month", text: "May", expect: { outcome: "orphaned" } }],
  },
  {
    // As in the editor, where a tag whose every character is typed over is gone: nothing of the
    // old words is left to follow. A longer tag around the word keeps the rest, and follows.
    name: "one-word tag replaced whole by another word",
    base: council,
    corrected: edit(council, "will stand again in May", "will stand again in June"),
    anchors: [
      { id: "month", text: "May", expect: { outcome: "orphaned" } },
      { id: "stand", text: "will stand again in May", expect: { outcome: "changed", exact: "will stand again in June" } },
    ],
  },
  {
    name: "short tag rewritten into a longer passage",
    base: council,
    corrected: edit(council, "Two remain in hospital", "Three of the injured, including the driver, remain in hospital"),
    anchors: [
      { id: "two", text: "Two", expect: { outcome: "orphaned" } },
      { id: "hospital", text: "remain in hospital", expect: { outcome: "moved" } },
    ],
  },
  {
    name: "figure corrected in a sentence deleted elsewhere in the same revision",
    base: repeated,
    corrected: edits(repeated, [`noon. ${repeatedSentence}`, "noon."], [repeatedSentence, repeatedSentence.replace("41", "44")]),
    anchors: [
      { id: "first-report", text: "41", occurrence: 0, expect: { outcome: "changed", exact: "44" } },
      { id: "update", text: "41", occurrence: 1, expect: { outcome: "orphaned" } },
    ],
  },
];
