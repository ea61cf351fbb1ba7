package plan

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// symbols mark each action in text and markdown, terraform-style.
var symbols = map[Action]string{Create: "+", Update: "~", Adopt: "<=", Unchanged: " ", Conflict: "!", Invalid: "x", Delete: "-", Orphan: "-/"}

var colours = map[Action]string{Create: "32", Update: "33", Adopt: "36", Conflict: "31", Invalid: "31", Delete: "31", Orphan: "35"}

// WriteText writes the plan for people: one line per object that changes or is refused, its
// fields indented, then the totals. colour adds ANSI colours (a terminal).
func WriteText(w io.Writer, p *Plan, colour bool) error {
	var b strings.Builder
	paint := func(a Action, s string) string {
		if !colour || colours[a] == "" {
			return s
		}
		return "\033[" + colours[a] + "m" + s + "\033[0m"
	}
	for _, e := range append(append([]Entry{}, p.Objects...), p.Prune...) {
		if e.Action == Unchanged && e.Message == "" {
			continue
		}
		fmt.Fprintf(&b, "%s %s %s\n", paint(e.Action, fmt.Sprintf("%-2s %-9s", symbols[e.Action], e.Action)), e.ref(), e.detail())
		for _, f := range e.Fields {
			fmt.Fprintf(&b, "       %s: %s\n", f.Path, f.change())
		}
		for _, a := range e.Acts {
			fmt.Fprintf(&b, "       and: %s\n", a)
		}
	}
	for _, n := range p.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	fmt.Fprintf(&b, "%s (%d Management API calls, all reads)\n", p.summary(), p.Calls)
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes the plan as JSON (the schema is in docs/plan.md).
func WriteJSON(w io.Writer, p *Plan) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(p)
}

// WriteMarkdown writes the plan as a pull-request comment: a summary table, then each object
// that changes or is refused, its details folded.
func WriteMarkdown(w io.Writer, p *Plan) error {
	var b strings.Builder
	b.WriteString("### auth0-operator plan\n\n")
	fmt.Fprintf(&b, "**%s**\n\n", p.summary())
	b.WriteString("| action | kind | object | tenant | Auth0 ID |\n|---|---|---|---|---|\n")
	var shown []Entry
	for _, e := range append(append([]Entry{}, p.Objects...), p.Prune...) {
		if e.Action == Unchanged && e.Message == "" {
			continue
		}
		shown = append(shown, e)
		fmt.Fprintf(&b, "| %s | %s | %s/%s | %s | %s |\n", e.Action, e.Kind, cell(e.Namespace), cell(e.Name), cell(e.Tenant), cell(e.ID))
	}
	if len(shown) == 0 {
		b.WriteString("| — | | no changes | | |\n")
	}
	b.WriteString("\n")
	for _, e := range shown {
		fmt.Fprintf(&b, "<details><summary><code>%s</code> %s %s</summary>\n\n", e.Action, e.Kind, html(e.Namespace+"/"+e.Name))
		if e.Message != "" {
			fmt.Fprintf(&b, "%s\n\n", html(e.Message))
		}
		if len(e.Fields) > 0 || len(e.Acts) > 0 {
			b.WriteString("| field | before | after |\n|---|---|---|\n")
			for _, f := range e.Fields {
				before, after := cell(f.Note), ""
				if f.Note == "" {
					before, after = cell(show(f.Before)), cell(show(f.After))
				}
				fmt.Fprintf(&b, "| `%s` | %s | %s |\n", f.Path, before, after)
			}
			for _, a := range e.Acts {
				fmt.Fprintf(&b, "| (action) | %s | |\n", cell(a))
			}
			b.WriteString("\n")
		}
		b.WriteString("</details>\n")
	}
	for _, n := range p.Notes {
		fmt.Fprintf(&b, "\n> %s\n", html(n))
	}
	fmt.Fprintf(&b, "\n<sub>%d Management API calls, all reads.</sub>\n", p.Calls)
	_, err := io.WriteString(w, b.String())
	return err
}

func (e Entry) ref() string { return e.Kind + " " + e.Namespace + "/" + e.Name }

func (e Entry) detail() string {
	var parts []string
	if e.ID != "" {
		parts = append(parts, "("+e.ID+")")
	}
	if e.Message != "" {
		parts = append(parts, "— "+e.Message)
	}
	return strings.Join(parts, " ")
}

func (f Field) change() string {
	if f.Note != "" {
		return f.Note
	}
	return show(f.Before) + " → " + show(f.After)
}

func (p *Plan) summary() string {
	var parts []string
	for _, a := range Actions {
		if n := p.Summary[a]; n > 0 || a == Create || a == Update {
			parts = append(parts, fmt.Sprintf("%d to %s", n, a))
		}
	}
	s := strings.Join(parts, ", ")
	s = strings.NewReplacer("to unchanged", "unchanged", "to conflict", "in conflict", "to invalid", "invalid").Replace(s)
	if !p.Changes() {
		s = "No changes. " + s
	}
	return s
}

func show(v any) string {
	if v == nil {
		return "(unset)"
	}
	b, _ := json.Marshal(v)
	s := string(b)
	if len(s) > 200 {
		s = s[:197] + "..."
	}
	return s
}

// cell escapes s for a markdown table cell.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "<", "&lt;", ">", "&gt;").Replace(s)
}

func html(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
