/**
 * An answer that a handler makes only when its caller reads it. The renderer always does (a case action answers
 * with the case page as it now is). The demo generator does hundreds of thousands of actions and reads none of those
 * answers: building each case page again after every note was a tenth of the `stress` build (issue 14). The change
 * itself is done and committed before the answer is made, so leaving the answer out changes nothing stored.
 */
export class LaterAnswer<T> {
  constructor(readonly make: () => T) {}
}

export const answerLater = <T>(make: () => T): LaterAnswer<T> => new LaterAnswer(make);

/** How an in-process caller (the demo generator, through main) asks: `answer: false` when it will not read it. */
export interface DispatchOptions {
  answer?: boolean;
}
