package server

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/argmap/argmap/internal/argument"
)

// This file draws the argument map as SVG, on the server, once.
//
// The layout is argmap's own rather than Graphviz's: the seed's map laid
// out by dot (go-graphviz v0.2.10, boxes of 30 characters) is 2452×448 pt,
// so on a 1000 px column its text shrinks to a third and on a phone to a
// tenth. Here the thesis sits on top, the claims that bear on it are set
// in reading order in as many columns as fit 1540 px, and what backs a
// claim is stacked under it, indented: the map grows downwards, not
// sideways. Phones (and windows too narrow for the wide drawing) get the
// same trees as a single indented column (the "narrow" drawing; CSS picks
// one by the window's width).
//
// Every node is an <a> to its claim page or its sentence, named for
// assistive technology by the whole sentence (aria-label and <title>).
// The thesis and every claim are drawn with their whole text; evidence is
// shortened after dgMaxLines lines (its box links to the whole sentence).
// Every line ends in an arrowhead at the sentence it bears on. Support is
// a solid line, attack a dashed one, a restatement of the thesis a dotted
// one, and every line carries its label in words ("supports ¶2’s claim",
// "restates the thesis"), so colour is never the only cue.

// Layout constants, in SVG user units (CSS pixels at scale 1).
const (
	dgFont     = 14.0 // sentence text
	dgLine     = 19.0 // line height of sentence text
	dgHead     = 11.0 // header and edge labels
	dgPad      = 10.0 // inside a box
	dgBoxW     = 270.0
	dgIndent   = 36.0 // per level inside a column
	dgGapY     = 26.0 // between stacked boxes; holds the edge label
	dgColGap   = 28.0 // between columns
	dgRootGap  = 38.0 // between a root and the heads of its columns
	dgTreeGap  = 48.0 // between trees
	dgMargin   = 8.0
	dgCharEm   = 0.52 // average character width, in em, for wrapping
	dgMaxLines = 5    // evidence and other sentences; claims are never cut
	dgStubY    = 17.0 // where a connector meets a box, from its top
)

// diagramMode picks a layout.
type diagramMode int

const (
	// wideMode puts each root above the columns of its children.
	wideMode diagramMode = iota
	// narrowMode stacks every tree into one indented column.
	narrowMode
)

type dgBox struct {
	x, y, w, h float64
	node       mapNode
	lines      []string
	focus      bool
}

type dgEdge struct {
	path   string
	kind   argument.RelationKind
	label  string
	lx, ly float64
}

type dgNote struct {
	x, y float64
	text string
}

// diagram is a laid-out map.
type diagram struct {
	boxes []dgBox
	edges []dgEdge
	notes []dgNote
	w, h  float64
	// focus is the id of the sentence to emphasise.
	focus string
}

// newBox lays out the text of n in a box of width w at (x, y).
func (d *diagram) newBox(n mapNode, x, y, w float64) dgBox {
	perLine := int((w - 2*dgPad) / (dgFont * dgCharEm))
	b := dgBox{x: x, y: y, w: w, node: n, focus: n.Sentence.ID == d.focus}
	maxLines := dgMaxLines
	if isClaim(n.Sentence.Role) {
		maxLines = math.MaxInt
	}
	b.lines = wrapText(nodeText(n), perLine, maxLines)
	b.h = dgPad + dgHead + 6 + float64(len(b.lines))*dgLine + dgPad - 4
	return b
}

// wrapText breaks s into at most maxLines lines of at most width
// characters, at spaces where it can; text that does not fit ends in "…".
func wrapText(s string, width, maxLines int) []string {
	if width < 8 {
		width = 8
	}
	words := strings.Fields(s)
	var lines []string
	cur := ""
	for i := 0; i < len(words); i++ {
		w := words[i]
		for utf8.RuneCountInString(w) > width { // a word longer than a line
			r := []rune(w)
			if cur != "" {
				lines = append(lines, cur)
				cur = ""
			}
			lines = append(lines, string(r[:width]))
			w = string(r[width:])
		}
		switch {
		case cur == "":
			cur = w
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(w) <= width:
			cur += " " + w
		default:
			lines = append(lines, cur)
			cur = w
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	if len(lines) > maxLines {
		last := []rune(lines[maxLines-1])
		for len(last) > width-1 {
			last = last[:len(last)-1]
		}
		if i := strings.LastIndexByte(string(last), ' '); i > len(string(last))/2 {
			last = []rune(string(last)[:i])
		}
		lines = append(lines[:maxLines-1], strings.TrimRight(string(last), " ,;:")+"…")
	}
	return lines
}

// depth is how many levels of children n has.
func depth(n mapNode) int {
	d := 0
	for _, c := range n.Children {
		d = max(d, 1+depth(c))
	}
	return d
}

// column places n at (x, y) and its descendants below it, each level
// indented by indent; it returns the bottom of the lowest box.
func (d *diagram) column(n mapNode, x, y, indent float64) float64 {
	b := d.newBox(n, x, y, dgBoxW)
	d.boxes = append(d.boxes, b)
	return d.stack(n.Children, n.Sentence, x, y+b.h, indent)
}

// nodeText is the text a node's box shows: its sentence, and the other
// sentences drawn with it (the rest of the thesis).
func nodeText(n mapNode) string {
	t := n.Sentence.Text
	for _, s := range n.Also {
		t += " " + s.Text
	}
	return t
}

// stack places children one under the other below top, indented by
// indent from x, each joined by a line from its left side along a spine
// at x+indent/2 up to top (the bottom of the box they bear on, parent),
// where an arrowhead points at parent. Attack lines run a little to the
// right of the others, so that dashes never lie on a solid line. It
// returns the bottom of the last child's subtree, or top when there is
// none.
func (d *diagram) stack(children []mapNode, parent sentenceView, x, top, indent float64) float64 {
	bottom := top
	for _, c := range children {
		spine := x + indent/2
		if c.Relation == argument.Attack {
			spine += 6
		}
		cy := bottom + dgGapY
		stub := cy + dgStubY
		d.edges = append(d.edges, dgEdge{
			path:  fmt.Sprintf("M%.1f %.1fH%.1fV%.1f", x+indent, stub, spine, top+1),
			kind:  c.Relation,
			label: edgeLabel(c.Relation, parent),
			lx:    x + indent + 4,
			ly:    cy - 8,
		})
		bottom = d.column(c, x+indent, cy, indent)
	}
	return bottom
}

// splitBalanced cuts heights, in order, into at most n runs of about the
// same total height, and returns the runs' lengths.
func splitBalanced(heights []float64, n int) []int {
	total := 0.0
	for _, h := range heights {
		total += h
	}
	target := total / float64(max(n, 1))
	var runs []int
	cur, count := 0.0, 0
	for _, h := range heights {
		if count > 0 && cur+h/2 > target && len(runs) < n-1 {
			runs = append(runs, count)
			cur, count = 0, 0
		}
		cur += h
		count++
	}
	if count > 0 {
		runs = append(runs, count)
	}
	return runs
}

// restates is the relation drawn between the thesis and a paragraph that
// states it again; it is the map's own, not one of the analysis.
const restates argument.RelationKind = "restates"

// edgeLabel says in words what a line does: "supports the thesis",
// "attacks ¶7’s claim", "restates the thesis".
func edgeLabel(k argument.RelationKind, to sentenceView) string {
	verb := "supports"
	switch k {
	case argument.Attack:
		verb = "attacks"
	case restates:
		verb = "restates"
	}
	return verb + " " + sentenceWords(to.Role, to.PID, to.ID)
}

// sentenceWords names a sentence as a reader would: "the thesis", "¶2’s
// claim", "¶4’s evidence", else "sentence 4.2".
func sentenceWords(r argument.Role, pid, sid string) string {
	switch r {
	case argument.MajorClaim:
		return "the thesis"
	case argument.Claim:
		return "¶" + pid + "’s claim"
	case argument.Evidence:
		return "¶" + pid + "’s evidence"
	}
	return "sentence " + sid
}

// colWidth is the width of n's column.
func colWidth(n mapNode, indent float64) float64 {
	return dgBoxW + float64(depth(n))*indent
}

// dgMaxWide is the widest a wide drawing is made, where it can: drawn at
// 80% it fits a window of 1280 px.
const dgMaxWide = 1540.0

// wideTree plans root r over its children: the children's subtrees are
// set in as many columns as fit dgMaxWide, in reading order, the columns
// about equally tall; each column has a spine from the root's box. It
// returns the tree's width and a func that places it with its top left
// corner at (x, y) and returns its bottom.
func (d *diagram) wideTree(r mapNode) (float64, func(x, y float64) float64) {
	colW := dgBoxW
	var heights []float64
	for _, c := range r.Children {
		colW = max(colW, dgIndent+colWidth(c, dgIndent))
		scratch := &diagram{}
		heights = append(heights, scratch.column(c, 0, 0, dgIndent)+dgGapY)
	}
	n := max(1, min(len(r.Children), int((dgMaxWide-2*dgMargin+dgColGap)/(colW+dgColGap))))
	runs := splitBalanced(heights, n)
	width := max(dgBoxW, float64(len(runs))*(colW+dgColGap)-dgColGap)
	return width, func(x, y float64) float64 {
		rb := d.newBox(r, x, y, width)
		d.boxes = append(d.boxes, rb)
		bottom := y + rb.h
		first := 0
		for j, k := range runs {
			cx := x + float64(j)*(colW+dgColGap)
			bottom = max(bottom, d.stack(r.Children[first:first+k], r.Sentence, cx, y+rb.h, dgIndent))
			first += k
		}
		return bottom
	}
}

// layoutDiagram lays out roots (trees whose children bear on their root)
// and loose nodes (no relation to show) in the given mode.
func layoutDiagram(roots, loose []mapNode, mode diagramMode, focus string) *diagram {
	d := &diagram{focus: focus}
	x, y := dgMargin, dgMargin
	bottom := y
	if mode == narrowMode {
		for _, r := range roots {
			bottom = d.column(r, x, y, dgIndent) + dgTreeGap
			d.w = max(d.w, x+colWidth(r, dgIndent))
			y = bottom
		}
	} else {
		// Trees side by side while they fit dgMaxWide, then a new row.
		rowTop := y
		for _, r := range roots {
			tw, place := d.wideTree(r)
			if x > dgMargin && x+tw > dgMaxWide {
				x, rowTop = dgMargin, bottom+dgTreeGap
			}
			bottom = max(bottom, place(x, rowTop))
			d.w = max(d.w, x+tw)
			x += tw + dgTreeGap
		}
		if len(roots) > 0 {
			y = bottom + dgTreeGap
		}
	}
	if len(loose) > 0 {
		x = dgMargin
		d.w = max(d.w, x+dgBoxW)
		d.notes = append(d.notes, dgNote{x: x, y: y + dgHead, text: "Not linked to the thesis or a claim:"})
		y += dgHead + 12
		perRow := 1
		if mode == wideMode {
			perRow = max(1, int((d.w-dgMargin+dgColGap)/(dgBoxW+dgColGap)))
		}
		rowH := 0.0
		for i, n := range loose {
			if i > 0 && i%perRow == 0 {
				y += rowH + dgGapY
				rowH = 0
			}
			b := d.newBox(n, dgMargin+float64(i%perRow)*(dgBoxW+dgColGap), y, dgBoxW)
			d.boxes = append(d.boxes, b)
			rowH = max(rowH, b.h)
		}
		bottom = y + rowH
	} else if mode == narrowMode {
		bottom -= dgTreeGap
	}
	d.w += dgMargin
	d.h = bottom + dgMargin
	return d
}

// svg writes the diagram as an inline <svg> element, or nothing when it
// has no node. label names the drawing for assistive technology; class is
// added to its class list.
func (d *diagram) svg(label, class string) template.HTML {
	if len(d.boxes) == 0 {
		return ""
	}
	var b strings.Builder
	esc := html.EscapeString
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="argmap-svg %s" viewBox="0 0 %.0f %.0f" width="%.0f" height="%.0f" role="group" aria-label="%s">`,
		esc(class), d.w, d.h, d.w, d.h, esc(label))
	b.WriteString("\n")
	// One arrowhead per drawing: ids must be unique in the page, which
	// may hold several drawings (their first classes differ).
	arrow := strings.Fields(class + " map")[0] + "-arrow"
	if len(d.edges) > 0 {
		fmt.Fprintf(&b, `<defs><marker id="%s" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#5b5b66"></path></marker></defs>`+"\n", esc(arrow))
	}
	for _, e := range d.edges {
		dash := ""
		switch e.kind {
		case argument.Attack:
			dash = ` stroke-dasharray="7 5"`
		case restates:
			dash = ` stroke-dasharray="2 4"`
		}
		fmt.Fprintf(&b, `<g class="edge rel-%s" aria-hidden="true"><path d="%s" fill="none" stroke="#5b5b66" stroke-width="1.6"%s marker-end="url(#%s)"></path><text x="%.1f" y="%.1f" font-size="%.0f">%s</text></g>`+"\n",
			esc(string(e.kind)), e.path, dash, esc(arrow), e.lx, e.ly, dgHead, esc(e.label))
	}
	for _, n := range d.notes {
		fmt.Fprintf(&b, `<text class="note" x="%.1f" y="%.1f" font-size="%.0f">%s</text>`+"\n", n.x, n.y, dgHead+1, esc(n.text))
	}
	for _, bx := range d.boxes {
		s := bx.node.Sentence
		cls := "node role-" + string(s.Role)
		if bx.focus {
			cls += " focus"
		}
		if bx.node.Repeat {
			cls += " repeat"
		}
		name := nodeName(bx.node)
		fmt.Fprintf(&b, `<a class="%s" href="%s"><title>%s</title>`, esc(cls), esc(s.Link()), esc(name))
		dash := ""
		if bx.node.Repeat {
			dash = ` stroke-dasharray="2 3"`
		}
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" rx="6" fill="#ffffff" stroke="#5b5b66" stroke-width="1.5"%s></rect>`,
			bx.x, bx.y, bx.w, bx.h, dash)
		head := strings.ToUpper(nodeHead(bx.node))
		fmt.Fprintf(&b, `<text class="hd" x="%.1f" y="%.1f" font-size="%.0f">%s</text>`, bx.x+dgPad, bx.y+dgPad+dgHead-1, dgHead, esc(head))
		fmt.Fprintf(&b, `<text class="tx" x="%.1f" y="%.1f" font-size="%.0f">`, bx.x+dgPad, bx.y+dgPad+dgHead+4, dgFont)
		for i, l := range bx.lines {
			if i+1 < len(bx.lines) {
				l += " " // so that the text content keeps its word breaks
			}
			fmt.Fprintf(&b, `<tspan x="%.1f" dy="%.0f">%s</tspan>`, bx.x+dgPad, dgLine, esc(isolateBidi(l)))
		}
		b.WriteString("</text></a>\n")
	}
	b.WriteString("</svg>")
	return template.HTML(b.String())
}

// viewportBreaks are the window widths, in CSS pixels, at which the
// stylesheet can swap the narrow drawing for the wide one (argmap.css has
// a rule for each).
var viewportBreaks = []float64{768, 1024, 1280, 1600, 1920}

// viewportNeed returns the class that tells the stylesheet from which
// window width on the wide drawing, of width w, is legible: drawn at 80%
// of its size or more. A drawing too wide for every break is never shown;
// the narrow one is.
func viewportNeed(w float64) string {
	for _, b := range viewportBreaks {
		if w*0.8+48 <= b {
			return fmt.Sprintf("need-%.0f", b)
		}
	}
	return "need-never"
}

// roleName is the role as a node's header shows it.
func roleName(r argument.Role) string {
	if l := roleLabel(r); l != "" {
		return l
	}
	return "sentence"
}

// nodeHead is a node's header: role, id, and whether it is a repeat.
func nodeHead(n mapNode) string {
	h := roleName(n.Sentence.Role) + " · " + n.Sentence.ID
	if len(n.Also) > 0 {
		// A box of several sentences is named by their paragraph.
		h = roleName(n.Sentence.Role) + " · ¶" + n.Sentence.PID
	}
	if n.Counts != "" {
		h += " · " + n.Counts
	}
	if n.Repeat {
		h += " · also above"
	}
	return h
}

// nodeName is the accessible name of a node: its header and the whole
// sentence, so that the visible text (header, then the start of the
// sentence) is part of it.
func nodeName(n mapNode) string {
	return capitalise(nodeHead(n)) + ": " + nodeText(n)
}

// mapForest splits the map page's outline into the trees to draw and the
// loose nodes (no children, no parent).
func mapForest(p mapPage) (roots, loose []mapNode) {
	for _, group := range [][]mapNode{p.Thesis, p.UnlinkedClaims, p.UnlinkedEvidence} {
		for _, n := range group {
			if len(n.Children) > 0 {
				roots = append(roots, n)
			} else {
				loose = append(loose, n)
			}
		}
	}
	return roots, loose
}
