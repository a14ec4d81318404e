// The inspector's views, in tab order. A view is a module whose default export is
//   { id, label, anchor?, badge(analysis), render(panel, ctx), reveal?(panel, key, ctx, {jump, focus}),
//     open?(panel, ctx) }   (open: each time its tab is shown, e.g. to load a module on first use)
// `render` fills its tab panel from `ctx` ({text, analysis, source, batchIndex, jump(start16, end16,
// context), select(anchor, key)}); `anchor` names its deep links (#figure-12 → reveal(panel, "12", …)).
// Adding a view is one file in www/views/ and one line here.
import score from "./score.js";
import checklist from "./checklist.js";
import figures from "./figures.js";
import problems from "./problems.js";
import similar from "./similar.js";
import memo from "./memo.js";

export const VIEWS = [score, checklist, figures, problems, similar, memo];
