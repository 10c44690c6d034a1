import { parseBank, type BankFile } from "../src/core/bank/index.ts";

/** Generates a valid bank of `count` questions over 9 topics, as YAML files. */
export function generateBank(count: number): BankFile[] {
  const topics = Array.from({ length: 9 }, (_, i) => `topic-${i + 1}`);
  return topics.map((topic, t) => {
    const lines = [`topic: ${topic}`, `title: { en: Topic ${t + 1}, ru: Тема ${t + 1} }`, "questions:"];
    for (let i = t; i < count; i += topics.length) {
      lines.push(
        `  - id: ${topic}/q-${i}`,
        `    level: ${(i % 3) + 1}`,
        `    python: ">=3.8"`,
        `    prompt: { en: "Generated question ${i} about object ${i * 7919} and its lifetime?", ru: "Сгенерированный вопрос ${i} о жизни объекта ${i * 7919}?" }`,
        ...(i % 3 === 0 ? ["    code: |", `      x = ${i}`, "      print(x)", `    stdout: "${i}\\n"`] : []),
        `    options: ["${i}", "${i + 1}", "${i + 2}", "${i + 3}"]`,
        `    answer: ${i % 4}`,
        `    explain: { en: "Because of rule ${i}.", ru: "Из-за правила ${i}." }`,
        `    more: { en: "A longer explanation of rule ${i}.", ru: "Подробное объяснение правила ${i}." }`,
        `    source: https://docs.python.org/3/library/gc.html`,
      );
    }
    return { path: `${topic}.yaml`, text: `${lines.join("\n")}\n` };
  });
}

/** Median milliseconds to parse and validate a generated bank of `count` questions. */
export function measureBankLoad(count: number, runs: number): { medianMs: number; questions: number } {
  const files = generateBank(count);
  const times: number[] = [];
  let questions = 0;
  for (let run = 0; run < runs; run++) {
    const start = performance.now();
    const result = parseBank(files);
    times.push(performance.now() - start);
    if (!result.ok) throw new Error(`generated bank is invalid: ${result.errors[0]?.message}`);
    questions = result.bank.questions.length;
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)] ?? 0, questions };
}
