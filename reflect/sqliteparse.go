package reflect

// A tokenizer and a parser for the CREATE TABLE and CREATE INDEX statements
// SQLite keeps in sqlite_schema.sql. SQLite's pragmas give columns, keys,
// foreign-key actions and index columns, but not constraint names, CHECK
// expressions, DEFERRABLE, collations declared on columns or index keys,
// the text of expression keys or partial-index predicates; those come from
// here. The parser follows SQLite's grammar closely enough for every
// statement SQLite accepts; it keeps the source text of expressions exactly
// as written and never panics (see FuzzParseSQLiteDDL).

import (
	"errors"
	"fmt"
	"strings"
)

// tokKind classifies a token.
type tokKind uint8

const (
	tokWord   tokKind = iota + 1 // a bare identifier or keyword
	tokQuoted                    // "x", [x] or `x`
	tokString                    // 'x'
	tokNumber                    // 12, 1.5e3, 0x1F
	tokBlob                      // x'00ff'
	tokPunct                     // any other character: ( ) , ; . + - ...
)

// token is one lexical token: its kind and its byte span in the source.
type token struct {
	kind       tokKind
	start, end int
}

// tokenize splits src into tokens, skipping whitespace and comments. It fails
// on an unterminated string or quoted identifier.
func tokenize(src string) ([]token, error) {
	toks := make([]token, 0, len(src)/4)
	for i := 0; i < len(src); {
		c := src[i]
		start := i
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case c == '-' && i+1 < len(src) && src[i+1] == '-':
			for i < len(src) && src[i] != '\n' {
				i++
			}
			continue
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				i = len(src)
			} else {
				i += 2 + end + 2
			}
			continue
		case c == '\'':
			end, err := quotedEnd(src, i, '\'')
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{tokString, start, end})
			i = end
		case c == '"' || c == '`':
			end, err := quotedEnd(src, i, c)
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{tokQuoted, start, end})
			i = end
		case c == '[':
			end := strings.IndexByte(src[i:], ']')
			if end < 0 {
				return nil, fmt.Errorf("unterminated [identifier] at offset %d", i)
			}
			i += end + 1
			toks = append(toks, token{tokQuoted, start, i})
		case (c == 'x' || c == 'X') && i+1 < len(src) && src[i+1] == '\'':
			end, err := quotedEnd(src, i+1, '\'')
			if err != nil {
				return nil, err
			}
			toks = append(toks, token{tokBlob, start, end})
			i = end
		case isDigit(c) || (c == '.' && i+1 < len(src) && isDigit(src[i+1])):
			i++
			for i < len(src) {
				d := src[i]
				if (d == '+' || d == '-') && (src[i-1] == 'e' || src[i-1] == 'E') && !isHexLiteral(src[start:i]) {
					i++
					continue
				}
				if !isWordByte(d) && d != '.' {
					break
				}
				i++
			}
			toks = append(toks, token{tokNumber, start, i})
		case isWordByte(c):
			for i < len(src) && (isWordByte(src[i]) || src[i] == '$') {
				i++
			}
			toks = append(toks, token{tokWord, start, i})
		default:
			i++
			toks = append(toks, token{tokPunct, start, i})
		}
	}
	return toks, nil
}

// quotedEnd returns the offset just past the quoted text starting at
// src[i] == q, where a doubled q stands for itself.
func quotedEnd(src string, i int, q byte) (int, error) {
	for j := i + 1; j < len(src); j++ {
		if src[j] == q {
			if j+1 < len(src) && src[j+1] == q {
				j++
				continue
			}
			return j + 1, nil
		}
	}
	return 0, fmt.Errorf("unterminated quoted text at offset %d", i)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isWordByte(c byte) bool {
	return c == '_' || c >= 0x80 || isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

func isHexLiteral(s string) bool { return len(s) > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') }

// identValue returns the name a word, quoted identifier or string token
// stands for: quotes removed and doubled quotes undone.
func identValue(src string, t token) string {
	s := src[t.start:t.end]
	switch t.kind {
	case tokQuoted, tokString:
		if s[0] == '[' {
			return s[1 : len(s)-1]
		}
		q := s[:1]
		return strings.ReplaceAll(s[1:len(s)-1], q+q, q)
	}
	return s
}

// stripOuterParens trims s and removes one pair of parentheses enclosing
// all of it, if there is one.
func stripOuterParens(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 2 || s[0] != '(' {
		return s
	}
	if closingParen(s) == len(s)-1 {
		return strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

// closingParen returns the offset of the parenthesis that closes s[0],
// skipping quoted text and comments, or -1.
func closingParen(s string) int {
	toks, err := tokenize(s)
	if err != nil || len(toks) == 0 || s[toks[0].start] != '(' {
		return -1
	}
	depth := 0
	for _, t := range toks {
		if t.kind != tokPunct {
			continue
		}
		switch s[t.start] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return t.start
			}
		}
	}
	return -1
}

// Results of parsing.
type (
	// ddlTable is what a CREATE TABLE statement says beyond the pragmas.
	ddlTable struct {
		Name        string
		Columns     []ddlColumn
		PrimaryKey  *ddlKey
		Uniques     []ddlKey
		Checks      []ddlCheck
		ForeignKeys []ddlForeignKey
	}

	// ddlColumn is a column definition: its name, declared collation and
	// whether its PRIMARY KEY is AUTOINCREMENT.
	ddlColumn struct {
		Name, Collation string
		Autoincrement   bool
	}

	// ddlKey is a PRIMARY KEY or UNIQUE constraint; a column-level one has
	// that column alone.
	ddlKey struct {
		Name    string
		Columns []string
	}

	// ddlCheck is a CHECK constraint with its expression as written.
	ddlCheck struct {
		Name, Expr string
	}

	// ddlForeignKey is a FOREIGN KEY constraint or a column's REFERENCES.
	ddlForeignKey struct {
		Name                          string
		Columns                       []string
		RefTable                      string
		RefColumns                    []string
		OnDelete, OnUpdate            string // as written, upper-cased; "" when absent
		Deferrable, InitiallyDeferred bool
	}

	// ddlIndex is a CREATE INDEX statement.
	ddlIndex struct {
		Name, Table string
		Unique      bool
		Keys        []ddlIndexKey
		Where       string
	}

	// ddlIndexKey is one indexed column: the expression or column as written
	// (without a top-level COLLATE and ASC/DESC), the column name when the
	// key is a lone identifier, and the explicit collation and order.
	ddlIndexKey struct {
		Expr, Column string
		Collation    string
		Desc         bool
	}
)

// parser walks the tokens of one statement.
type parser struct {
	src  string
	toks []token
	pos  int
}

var errEOF = errors.New("unexpected end of statement")

func newParser(src string) (*parser, error) {
	toks, err := tokenize(src)
	if err != nil {
		return nil, err
	}
	return &parser{src: src, toks: toks}, nil
}

func (p *parser) done() bool { return p.pos >= len(p.toks) }

// text returns the source text of token i.
func (p *parser) text(i int) string { return p.src[p.toks[i].start:p.toks[i].end] }

// isKeyword reports whether token i is the bare word kw (any case).
func (p *parser) isKeyword(i int, kw string) bool {
	return i < len(p.toks) && p.toks[i].kind == tokWord && strings.EqualFold(p.text(i), kw)
}

// isPunct reports whether token i is the character c.
func (p *parser) isPunct(i int, c byte) bool {
	return i < len(p.toks) && p.toks[i].kind == tokPunct && p.src[p.toks[i].start] == c
}

// keyword consumes the words kws if they come next, all of them.
func (p *parser) keyword(kws ...string) bool {
	for j, kw := range kws {
		if !p.isKeyword(p.pos+j, kw) {
			return false
		}
	}
	p.pos += len(kws)
	return true
}

func (p *parser) expectKeyword(kws ...string) error {
	if !p.keyword(kws...) {
		return p.errorf("expected %s", strings.Join(kws, " "))
	}
	return nil
}

func (p *parser) punct(c byte) bool {
	if p.isPunct(p.pos, c) {
		p.pos++
		return true
	}
	return false
}

func (p *parser) errorf(format string, args ...any) error {
	at := "end of statement"
	if !p.done() {
		t := p.toks[p.pos]
		at = fmt.Sprintf("%q at offset %d", p.src[t.start:t.end], t.start)
	}
	return fmt.Errorf(format+" near %s", append(args, at)...)
}

// name consumes an identifier: a word, a quoted identifier or a string
// (which SQLite accepts as a name).
func (p *parser) name() (string, error) {
	if p.done() {
		return "", errEOF
	}
	t := p.toks[p.pos]
	switch t.kind {
	case tokWord, tokQuoted, tokString:
		p.pos++
		return identValue(p.src, t), nil
	}
	return "", p.errorf("expected a name")
}

// qualifiedName consumes [schema.]name and returns name.
func (p *parser) qualifiedName() (string, error) {
	n, err := p.name()
	if err != nil {
		return "", err
	}
	if p.punct('.') {
		return p.name()
	}
	return n, nil
}

// group consumes a parenthesised group starting at the current "(" and
// returns the token range [from, to) inside it.
func (p *parser) group() (from, to int, err error) {
	if !p.isPunct(p.pos, '(') {
		return 0, 0, p.errorf("expected \"(\"")
	}
	depth := 0
	for i := p.pos; i < len(p.toks); i++ {
		if p.isPunct(i, '(') {
			depth++
		} else if p.isPunct(i, ')') {
			depth--
			if depth == 0 {
				from, to = p.pos+1, i
				p.pos = i + 1
				return from, to, nil
			}
		}
	}
	return 0, 0, errEOF
}

// span returns the source text of tokens [from, to), trimmed.
func (p *parser) span(from, to int) string {
	if from >= to {
		return ""
	}
	return strings.TrimSpace(p.src[p.toks[from].start:p.toks[to-1].end])
}

// splitList splits tokens [from, to) at top-level commas.
func (p *parser) splitList(from, to int) [][2]int {
	var out [][2]int
	depth, start := 0, from
	for i := from; i < to; i++ {
		switch {
		case p.isPunct(i, '('):
			depth++
		case p.isPunct(i, ')'):
			depth--
		case depth == 0 && p.isPunct(i, ','):
			out = append(out, [2]int{start, i})
			start = i + 1
		}
	}
	return append(out, [2]int{start, to})
}

// nameList parses "(a, b COLLATE x DESC, ...)" and returns the names of the
// columns (the first token of each element).
func (p *parser) nameList() ([]string, error) {
	from, to, err := p.group()
	if err != nil {
		return nil, err
	}
	var names []string
	for _, el := range p.splitList(from, to) {
		if el[0] >= el[1] {
			return nil, fmt.Errorf("empty element in column list at offset %d", p.toks[from].start)
		}
		t := p.toks[el[0]]
		switch t.kind {
		case tokWord, tokQuoted, tokString:
			names = append(names, identValue(p.src, t))
		default:
			return nil, fmt.Errorf("expected a column name at offset %d", t.start)
		}
	}
	return names, nil
}

// parseCreateTable parses a CREATE TABLE statement as sqlite_schema keeps it.
// A CREATE TABLE ... AS SELECT yields the name alone.
func parseCreateTable(src string) (*ddlTable, error) {
	p, err := newParser(src)
	if err != nil {
		return nil, err
	}
	if err := p.expectKeyword("CREATE"); err != nil {
		return nil, err
	}
	if !p.keyword("TEMP") {
		p.keyword("TEMPORARY")
	}
	if err := p.expectKeyword("TABLE"); err != nil {
		return nil, err
	}
	p.keyword("IF", "NOT", "EXISTS")
	t := &ddlTable{}
	if t.Name, err = p.qualifiedName(); err != nil {
		return nil, err
	}
	if p.keyword("AS") {
		return t, nil
	}
	from, to, err := p.group()
	if err != nil {
		return nil, err
	}
	body := &parser{src: src, toks: p.toks[:to], pos: from}
	if err := body.tableBody(t); err != nil {
		return nil, err
	}
	// Table options: nothing to read there, but they must be options.
	for !p.done() && !p.isPunct(p.pos, ';') {
		if !p.keyword("WITHOUT", "ROWID") && !p.keyword("STRICT") {
			return nil, p.errorf("expected a table option")
		}
		if !p.punct(',') {
			break
		}
	}
	p.punct(';')
	if !p.done() {
		return nil, p.errorf("unexpected text after the table definition")
	}
	return t, nil
}

// tableBody parses column definitions, then table constraints, up to the
// end of the token slice (the closing parenthesis).
//
// Constraint names follow SQLite's rules: CONSTRAINT name names every
// constraint after it up to the end of the column definition or, among
// table constraints, up to the next comma; the first table constraint
// inherits the name still pending from the last column.
func (p *parser) tableBody(t *ddlTable) error {
	var name string
	for !p.done() {
		if p.isTableConstraint() {
			break
		}
		var err error
		if name, err = p.columnDef(t); err != nil {
			return err
		}
		if !p.punct(',') && !p.done() {
			return p.errorf("expected \",\" after column definition")
		}
	}
	for !p.done() {
		if err := p.tableConstraint(t, &name); err != nil {
			return err
		}
		// SQLite lets the comma between table constraints be left out; a
		// comma ends the reach of a constraint name.
		if p.punct(',') {
			name = ""
		}
	}
	return nil
}

func (p *parser) isTableConstraint() bool {
	for _, kw := range []string{"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"} {
		if p.isKeyword(p.pos, kw) {
			return true
		}
	}
	return false
}

// columnConstraintStart lists the words that end a column's type name:
// the keywords that start a column constraint and cannot be identifiers.
// GENERATED and ALWAYS can be, so in "x INT GENERATED ALWAYS AS (...)" they
// are read as part of the type, as SQLite reads them (it then drops them
// from the declared type).
var columnConstraintStart = []string{
	"CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT",
	"COLLATE", "REFERENCES", "AS", "DEFERRABLE",
}

func (p *parser) atColumnConstraint() bool {
	for _, kw := range columnConstraintStart {
		if p.isKeyword(p.pos, kw) {
			return true
		}
	}
	return false
}

// columnDef parses a column definition and returns the constraint name
// still pending at its end.
func (p *parser) columnDef(t *ddlTable) (string, error) {
	name, err := p.name()
	if err != nil {
		return "", err
	}
	col := ddlColumn{Name: name}
	// The type name: words and an optional (size[, size]); the pragma gives
	// it, so it is only skipped here.
	for !p.done() && !p.isPunct(p.pos, ',') && !p.atColumnConstraint() {
		if p.isPunct(p.pos, '(') {
			if _, _, err := p.group(); err != nil {
				return "", err
			}
			continue
		}
		if p.isPunct(p.pos, ')') {
			return "", p.errorf("unexpected \")\"")
		}
		p.pos++
	}
	var constraintName string
	for !p.done() && !p.isPunct(p.pos, ',') {
		switch {
		case p.keyword("CONSTRAINT"):
			if constraintName, err = p.name(); err != nil {
				return "", err
			}
			continue
		case p.keyword("PRIMARY", "KEY"):
			if !p.keyword("ASC") {
				p.keyword("DESC")
			}
			if err := p.conflictClause(); err != nil {
				return "", err
			}
			col.Autoincrement = p.keyword("AUTOINCREMENT")
			t.PrimaryKey = &ddlKey{Name: constraintName, Columns: []string{name}}
		case p.keyword("NOT", "NULL"), p.keyword("NULL"):
			if err := p.conflictClause(); err != nil {
				return "", err
			}
		case p.keyword("UNIQUE"):
			if err := p.conflictClause(); err != nil {
				return "", err
			}
			t.Uniques = append(t.Uniques, ddlKey{Name: constraintName, Columns: []string{name}})
		case p.keyword("CHECK"):
			from, to, err := p.group()
			if err != nil {
				return "", err
			}
			t.Checks = append(t.Checks, ddlCheck{Name: constraintName, Expr: p.span(from, to)})
		case p.keyword("DEFAULT"):
			if err := p.skipDefault(); err != nil {
				return "", err
			}
		case p.keyword("COLLATE"):
			if col.Collation, err = p.name(); err != nil {
				return "", err
			}
		case p.keyword("REFERENCES"):
			fk := ddlForeignKey{Name: constraintName, Columns: []string{name}}
			if err := p.foreignKeyClause(&fk); err != nil {
				return "", err
			}
			t.ForeignKeys = append(t.ForeignKeys, fk)
		case p.isDeferrable():
			// A lone DEFERRABLE clause applies to the table's latest
			// REFERENCES, as SQLite's grammar has it.
			var fk ddlForeignKey
			p.deferrable(&fk)
			if n := len(t.ForeignKeys); n > 0 {
				t.ForeignKeys[n-1].Deferrable = fk.Deferrable
				t.ForeignKeys[n-1].InitiallyDeferred = fk.InitiallyDeferred
			}
		case p.keyword("GENERATED", "ALWAYS", "AS"), p.keyword("AS"):
			if _, _, err := p.group(); err != nil {
				return "", err
			}
			if !p.keyword("STORED") {
				p.keyword("VIRTUAL")
			}
		default:
			return "", p.errorf("unexpected token in column %q", name)
		}
	}
	t.Columns = append(t.Columns, col)
	return constraintName, nil
}

// skipDefault consumes the value after DEFAULT: a parenthesised
// expression, a signed number or one literal or word. The pragma gives the
// default's text.
func (p *parser) skipDefault() error {
	if p.isPunct(p.pos, '(') {
		_, _, err := p.group()
		return err
	}
	if p.isPunct(p.pos, '+') || p.isPunct(p.pos, '-') {
		p.pos++
	}
	if p.done() || p.toks[p.pos].kind == tokPunct {
		return p.errorf("expected a default value")
	}
	p.pos++
	return nil
}

// conflictClause consumes an optional ON CONFLICT resolution.
func (p *parser) conflictClause() error {
	if !p.keyword("ON", "CONFLICT") {
		return nil
	}
	if _, err := p.name(); err != nil {
		return err
	}
	return nil
}

// foreignKeyClause parses what follows REFERENCES.
func (p *parser) foreignKeyClause(fk *ddlForeignKey) error {
	var err error
	if fk.RefTable, err = p.name(); err != nil {
		return err
	}
	if p.isPunct(p.pos, '(') {
		if fk.RefColumns, err = p.nameList(); err != nil {
			return err
		}
	}
	for !p.done() {
		switch {
		case p.keyword("ON"):
			var target *string
			switch {
			case p.keyword("DELETE"):
				target = &fk.OnDelete
			case p.keyword("UPDATE"):
				target = &fk.OnUpdate
			case p.keyword("INSERT"): // accepted and ignored by SQLite
				target = new(string)
			default:
				return p.errorf("expected DELETE, UPDATE or INSERT")
			}
			switch {
			case p.keyword("SET", "NULL"):
				*target = "SET NULL"
			case p.keyword("SET", "DEFAULT"):
				*target = "SET DEFAULT"
			case p.keyword("CASCADE"):
				*target = "CASCADE"
			case p.keyword("RESTRICT"):
				*target = "RESTRICT"
			case p.keyword("NO", "ACTION"):
				*target = "NO ACTION"
			default:
				return p.errorf("expected a referential action")
			}
		case p.keyword("MATCH"):
			if _, err := p.name(); err != nil {
				return err
			}
		case p.isDeferrable():
			p.deferrable(fk)
		default:
			return nil
		}
	}
	return nil
}

// isDeferrable reports whether a [NOT] DEFERRABLE clause comes next.
func (p *parser) isDeferrable() bool {
	return p.isKeyword(p.pos, "DEFERRABLE") || p.isKeyword(p.pos, "NOT") && p.isKeyword(p.pos+1, "DEFERRABLE")
}

// deferrable consumes [NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE].
func (p *parser) deferrable(fk *ddlForeignKey) {
	fk.Deferrable = !p.keyword("NOT")
	p.pos++ // DEFERRABLE
	fk.InitiallyDeferred = false
	switch {
	case p.keyword("INITIALLY", "DEFERRED"):
		fk.InitiallyDeferred = fk.Deferrable
	case p.keyword("INITIALLY", "IMMEDIATE"):
	}
}

// tableConstraint parses one table constraint, or a lone CONSTRAINT name
// that names the constraints after it; *name is the pending name.
func (p *parser) tableConstraint(t *ddlTable, pending *string) error {
	if p.keyword("CONSTRAINT") {
		var err error
		if *pending, err = p.name(); err != nil {
			return err
		}
		return nil
	}
	name := *pending
	switch {
	case p.keyword("PRIMARY", "KEY"):
		cols, err := p.nameList()
		if err != nil {
			return err
		}
		p.keyword("AUTOINCREMENT") // accepted by old SQLite versions
		t.PrimaryKey = &ddlKey{Name: name, Columns: cols}
		return p.conflictClause()
	case p.keyword("UNIQUE"):
		cols, err := p.nameList()
		if err != nil {
			return err
		}
		t.Uniques = append(t.Uniques, ddlKey{Name: name, Columns: cols})
		return p.conflictClause()
	case p.keyword("CHECK"):
		from, to, err := p.group()
		if err != nil {
			return err
		}
		t.Checks = append(t.Checks, ddlCheck{Name: name, Expr: p.span(from, to)})
		return p.conflictClause()
	case p.keyword("FOREIGN", "KEY"):
		cols, err := p.nameList()
		if err != nil {
			return err
		}
		if err := p.expectKeyword("REFERENCES"); err != nil {
			return err
		}
		fk := ddlForeignKey{Name: name, Columns: cols}
		if err := p.foreignKeyClause(&fk); err != nil {
			return err
		}
		t.ForeignKeys = append(t.ForeignKeys, fk)
		return nil
	}
	return p.errorf("expected a table constraint")
}

// parseCreateIndex parses a CREATE INDEX statement as sqlite_schema keeps it.
func parseCreateIndex(src string) (*ddlIndex, error) {
	p, err := newParser(src)
	if err != nil {
		return nil, err
	}
	if err := p.expectKeyword("CREATE"); err != nil {
		return nil, err
	}
	x := &ddlIndex{Unique: p.keyword("UNIQUE")}
	if err := p.expectKeyword("INDEX"); err != nil {
		return nil, err
	}
	p.keyword("IF", "NOT", "EXISTS")
	if x.Name, err = p.qualifiedName(); err != nil {
		return nil, err
	}
	if err := p.expectKeyword("ON"); err != nil {
		return nil, err
	}
	if x.Table, err = p.name(); err != nil {
		return nil, err
	}
	from, to, err := p.group()
	if err != nil {
		return nil, err
	}
	for _, el := range p.splitList(from, to) {
		k, err := p.indexKey(el[0], el[1])
		if err != nil {
			return nil, err
		}
		x.Keys = append(x.Keys, k)
	}
	if p.keyword("WHERE") {
		end := len(p.toks)
		if p.isPunct(end-1, ';') {
			end--
		}
		if x.Where = p.span(p.pos, end); x.Where == "" {
			return nil, p.errorf("empty WHERE clause")
		}
		p.pos = len(p.toks)
	}
	p.punct(';')
	if !p.done() {
		return nil, p.errorf("unexpected text after the index definition")
	}
	return x, nil
}

// indexKey parses tokens [from, to) as an indexed column: an expression, a
// top-level COLLATE name and ASC or DESC.
func (p *parser) indexKey(from, to int) (ddlIndexKey, error) {
	var k ddlIndexKey
	if from >= to {
		return k, p.errorf("empty index key")
	}
	switch {
	case p.isKeyword(to-1, "DESC"):
		k.Desc = true
		to--
	case p.isKeyword(to-1, "ASC"):
		to--
	}
	// COLLATE binds tighter than any operator, so it names the key's
	// collation only when what it follows is a single operand.
	if to-from >= 3 && p.isKeyword(to-2, "COLLATE") && p.isOperand(from, to-2) {
		t := p.toks[to-1]
		if t.kind == tokPunct || t.kind == tokNumber || t.kind == tokBlob {
			return k, fmt.Errorf("expected a collation name at offset %d", t.start)
		}
		k.Collation = identValue(p.src, t)
		to -= 2
	}
	if from >= to {
		return k, p.errorf("empty index key")
	}
	k.Expr = p.span(from, to)
	if to-from == 1 {
		switch t := p.toks[from]; t.kind {
		case tokWord, tokQuoted:
			k.Column = identValue(p.src, t)
		}
	}
	return k, nil
}

// isOperand reports whether tokens [from, to) are one operand: a single
// token, a parenthesised group, a function call, or an operand followed by
// COLLATE name.
func (p *parser) isOperand(from, to int) bool {
	switch {
	case to-from == 1:
		return p.toks[from].kind != tokPunct
	case to-from >= 3 && p.isKeyword(to-2, "COLLATE"):
		return p.isOperand(from, to-2)
	case to-from >= 2 && p.isPunct(to-1, ')'):
		open := from
		if p.toks[from].kind == tokWord && p.isPunct(from+1, '(') {
			open = from + 1
		}
		if !p.isPunct(open, '(') {
			return false
		}
		depth := 0
		for i := open; i < to; i++ {
			if p.isPunct(i, '(') {
				depth++
			} else if p.isPunct(i, ')') {
				depth--
				if depth == 0 {
					return i == to-1
				}
			}
		}
	}
	return false
}
