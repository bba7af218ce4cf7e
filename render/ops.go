package render

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/dave/jennifer/jen"

	"github.com/autogen-dev/autogen/migrations"
)

// errRun is returned for a Run operation: a Go function value has no
// source to render.
var errRun = errors.New("a Run operation holds a Go function, which cannot be written as source; write it into the file by hand")

// deref returns the operation a pointer operation (*migrations.AddColumn
// and so on) points to, so that both forms render alike.
func deref(op migrations.Operation) (migrations.Operation, error) {
	v := reflect.ValueOf(op)
	if !v.IsValid() {
		return nil, errors.New("nil operation")
	}
	if v.Kind() != reflect.Pointer {
		return op, nil
	}
	if v.IsNil() {
		return nil, fmt.Errorf("nil %T", op)
	}
	inner, ok := v.Elem().Interface().(migrations.Operation)
	if !ok {
		return op, nil
	}
	return inner, nil
}

// describe names an operation for error messages: its type and table.
func describe(op migrations.Operation) string {
	if op, err := deref(op); err == nil {
		name := strings.TrimPrefix(fmt.Sprintf("%T", op), "migrations.")
		if t := tableName(op); t != "" {
			return fmt.Sprintf("%s on table %q", name, t)
		}
		return name
	}
	return fmt.Sprintf("%T", op)
}

// tableName is op.TableName(), safe for a CreateTable without a table
// (whose TableName would dereference nil).
func tableName(op migrations.Operation) string {
	if ct, ok := op.(migrations.CreateTable); ok && ct.Table == nil {
		return ""
	}
	return op.TableName()
}

// statement is one rendered operation; noted says it has comment lines
// above it.
type statement struct {
	code  jen.Code
	noted bool
}

// body renders a list of operations as the statements of an Upgrade or
// Downgrade function; notes[i] are comment lines placed above operation i.
func (g *gen) body(dir string, ops []migrations.Operation, notes map[int][]string) ([]statement, error) {
	for i := range notes {
		if i < 0 || i >= len(ops) {
			return nil, fmt.Errorf("%s note for operation %d: there are %d operations", dir, i, len(ops))
		}
	}
	stmts := make([]statement, 0, len(ops))
	for i, op := range ops {
		s, err := g.operation(op)
		if err != nil {
			return nil, fmt.Errorf("%s operation %d (%s): %w", dir, i+1, describe(op), err)
		}
		note := commentCode(strings.Join(notes[i], "\n"))
		noted := len(*note) > 0
		s = note.Add(s)
		stmts = append(stmts, statement{code: s, noted: noted})
	}
	return stmts, nil
}

// call renders op.<method>(args...), or b.<method> inside a batch.
func call(recv, method string, args ...jen.Code) *jen.Statement {
	return jen.Id(recv).Dot(method).Call(args...)
}

// operation renders one top-level operation as a call on op.
func (g *gen) operation(o migrations.Operation) (*jen.Statement, error) {
	o, err := deref(o)
	if err != nil {
		return nil, err
	}
	switch o := o.(type) {
	case migrations.CreateTable:
		if o.Table == nil {
			return nil, errors.New("no table")
		}
		t, err := g.table(o.Table, pointer)
		if err != nil {
			return nil, err
		}
		return call("op", "CreateTable", t.code), nil
	case migrations.DropTable:
		return call("op", "DropTable", goString(o.Table).code), nil
	case migrations.RenameTable:
		return call("op", "RenameTable", goString(o.Table).code, goString(o.To).code), nil
	case migrations.AlterTableComment:
		return call("op", "SetTableComment", goString(o.Table).code, goString(o.Comment).code), nil
	case migrations.CreateEnum:
		if o.Enum == nil {
			return nil, errors.New("no enum")
		}
		return call("op", "CreateEnum", g.enum(o.Enum, pointer).code), nil
	case migrations.DropEnum:
		return call("op", "DropEnum", goString(o.Enum).code), nil
	case migrations.AddEnumValue:
		if o.Before != "" {
			// The builder has no "before" form: record the value itself.
			var fs fields
			fs.str("Enum", o.Enum)
			fs.str("Value", o.Value)
			fs.str("Before", o.Before)
			fs.str("After", o.After)
			return call("op", "Add", mig("AddEnumValue").Add(braces(fs.items, fs.multi))), nil
		}
		return call("op", "AddEnumValue", goString(o.Enum).code, goString(o.Value).code, goString(o.After).code), nil
	case migrations.CreateSequence:
		if o.Sequence == nil {
			return nil, errors.New("no sequence")
		}
		return call("op", "CreateSequence", g.sequence(o.Sequence, pointer).code), nil
	case migrations.AlterSequence:
		if o.Sequence == nil {
			return nil, errors.New("no sequence")
		}
		return call("op", "AlterSequence", g.sequence(o.Sequence, pointer).code), nil
	case migrations.DropSequence:
		return call("op", "DropSequence", goString(o.Name).code), nil
	case migrations.CreateDomain:
		if o.Domain == nil {
			return nil, errors.New("no domain")
		}
		d := g.domain(o.Domain, pointer)
		return call("op", "CreateDomain", d.code), nil
	case migrations.DropDomain:
		return call("op", "DropDomain", goString(o.Name).code), nil
	case migrations.AlterDomain:
		return g.alterDomain(o)
	case migrations.RebuildEnum:
		if o.Enum == nil {
			return nil, errors.New("no enum")
		}
		args := []jen.Code{g.enum(o.Enum, pointer).code}
		for _, c := range o.Columns {
			var fs fields
			fs.str("Table", c.Table)
			fs.str("Column", c.Column)
			fs.flag("Array", c.Array)
			if c.Default != nil {
				fs.add("Default", lit{code: jen.Op("&").Add(g.defaultLiteral(*c.Default).code)})
			}
			args = append(args, jen.Line().Add(mig("EnumColumn").Add(braces(fs.items, false))))
		}
		if len(o.Columns) > 0 {
			args = append(args, jen.Line())
		}
		return call("op", "RebuildEnum", args...), nil
	case migrations.CreateExtension:
		return call("op", "CreateExtension", goString(o.Name).code), nil
	case migrations.DropExtension:
		return call("op", "DropExtension", goString(o.Name).code), nil
	case migrations.Exec:
		return call("op", "Exec", goString(o.SQL).code), nil
	case migrations.Run:
		return nil, errRun
	case migrations.Batch:
		return g.batch(o)
	case migrations.Autocommit:
		inner := make([]jen.Code, 0, len(o.Ops))
		for i, sub := range o.Ops {
			s, err := g.operation(sub)
			if err != nil {
				return nil, fmt.Errorf("autocommit operation %d (%s): %w", i+1, describe(sub), err)
			}
			inner = append(inner, s)
		}
		return call("op", "Autocommit", jen.Func().Params(jen.Id("op").Op("*").Add(mig("Op"))).Block(inner...)), nil
	case migrations.DropIndex:
		if o.Concurrently {
			// The builder has no concurrent drop: record the value itself.
			var fs fields
			fs.str("Table", o.Table)
			fs.str("Index", o.Index)
			fs.flag("Concurrently", true)
			return call("op", "Add", mig("DropIndex").Add(braces(fs.items, fs.multi))), nil
		}
	}
	return g.tableOperation("op", o)
}

// tableOperation renders an operation on one table as a call on recv:
// "op" with the table as the first argument, or "b" inside a batch, whose
// methods take the table from the batch.
func (g *gen) tableOperation(recv string, o migrations.Operation) (*jen.Statement, error) {
	var args []jen.Code
	if recv == "op" {
		args = append(args, goString(o.TableName()).code)
	}
	str := func(s string) jen.Code { return goString(s).code }
	switch o := o.(type) {
	case migrations.AddColumn:
		if o.Column == nil {
			return nil, errors.New("no column")
		}
		c, err := g.column(o.Column, pointer)
		if err != nil {
			return nil, err
		}
		return call(recv, "AddColumn", append(args, c.code)...), nil
	case migrations.DropColumn:
		return call(recv, "DropColumn", append(args, str(o.Column))...), nil
	case migrations.RenameColumn:
		return call(recv, "RenameColumn", append(args, str(o.Column), str(o.To))...), nil
	case migrations.AlterColumn:
		return g.alterColumn(recv, args, o)
	case migrations.CreateIndex:
		if o.Index == nil {
			return nil, errors.New("no index")
		}
		method := "CreateIndex"
		if o.Concurrently {
			if recv != "op" {
				return nil, errors.New("a concurrent index cannot be created inside a batch")
			}
			method = "CreateIndexConcurrently"
		}
		return call(recv, method, append(args, g.index(o.Index, pointer).code)...), nil
	case migrations.DropIndex:
		if o.Concurrently {
			return nil, errors.New("a concurrent index drop cannot be made inside a batch")
		}
		return call(recv, "DropIndex", append(args, str(o.Index))...), nil
	case migrations.AddForeignKey:
		if o.ForeignKey == nil {
			return nil, errors.New("no foreign key")
		}
		return call(recv, "AddForeignKey", append(args, g.foreignKey(o.ForeignKey, pointer).code)...), nil
	case migrations.DropForeignKey:
		return call(recv, "DropForeignKey", append(args, str(o.Name))...), nil
	case migrations.AddUnique:
		if o.Unique == nil {
			return nil, errors.New("no unique constraint")
		}
		return call(recv, "AddUnique", append(args, g.unique(o.Unique, pointer).code)...), nil
	case migrations.DropUnique:
		return call(recv, "DropUnique", append(args, str(o.Name))...), nil
	case migrations.AddCheck:
		if o.Check == nil {
			return nil, errors.New("no check constraint")
		}
		return call(recv, "AddCheck", append(args, g.check(o.Check, pointer).code)...), nil
	case migrations.DropCheck:
		return call(recv, "DropCheck", append(args, str(o.Name))...), nil
	case migrations.AddPrimaryKey:
		if o.PrimaryKey == nil {
			return nil, errors.New("no primary key")
		}
		return call(recv, "AddPrimaryKey", append(args, g.primaryKey(o.PrimaryKey).code)...), nil
	case migrations.DropPrimaryKey:
		return call(recv, "DropPrimaryKey", append(args, str(o.Name))...), nil
	}
	if recv != "op" {
		return nil, fmt.Errorf("%T cannot be part of a batch", o)
	}
	return nil, fmt.Errorf("unknown operation type %T", o)
}

// alterColumn renders op.AlterColumn(table, column, changes...), the
// changes one per line when there are several.
func (g *gen) alterColumn(recv string, args []jen.Code, o migrations.AlterColumn) (*jen.Statement, error) {
	args = append(args, goString(o.Column).code)
	var changes []jen.Code
	if o.Type != nil {
		t, err := g.typ(*o.Type)
		if err != nil {
			return nil, fmt.Errorf("column %q: %w", o.Column, err)
		}
		changes = append(changes, mig("SetType").Call(t.code))
	}
	if o.Using != "" {
		changes = append(changes, mig("Using").Call(goString(o.Using).code))
	}
	if o.NotNull != nil {
		if *o.NotNull {
			changes = append(changes, mig("SetNotNull").Call())
		} else {
			changes = append(changes, mig("DropNotNull").Call())
		}
	}
	if o.FillNulls != "" {
		changes = append(changes, mig("FillNulls").Call(goString(o.FillNulls).code))
	}
	if o.Collation != nil {
		changes = append(changes, mig("SetCollation").Call(goString(*o.Collation).code))
	}
	if o.Comment != nil {
		changes = append(changes, mig("SetComment").Call(goString(*o.Comment).code))
	}
	if o.Default != nil {
		if isZeroDefault(*o.Default) {
			changes = append(changes, mig("DropDefault").Call())
		} else {
			changes = append(changes, mig("SetDefault").Call(g.dflt(*o.Default).code))
		}
	}
	if o.Identity != nil {
		switch {
		case *o.Identity == "":
			changes = append(changes, mig("DropIdentity").Call())
		case o.AddIdentity:
			changes = append(changes, mig("AddIdentity").Call(goString(*o.Identity).code))
		default:
			changes = append(changes, mig("SetIdentity").Call(goString(*o.Identity).code))
		}
	}
	if len(changes) < 2 {
		return call(recv, "AlterColumn", append(args, changes...)...), nil
	}
	for _, c := range changes {
		args = append(args, jen.Line().Add(c))
	}
	return call(recv, "AlterColumn", append(args, jen.Line())...), nil
}

// alterDomain renders a domain change with the builder that makes it, or
// as a literal when it changes several things at once.
func (g *gen) alterDomain(o migrations.AlterDomain) (*jen.Statement, error) {
	name := goString(o.Name).code
	set := countTrue(o.NotNull != nil, o.Default != nil, o.AddCheck != nil, o.DropCheck != "")
	switch {
	case set == 1 && o.NotNull != nil:
		return call("op", "SetDomainNotNull", name, jen.Lit(*o.NotNull)), nil
	case set == 1 && o.Default != nil:
		return call("op", "SetDomainDefault", name, g.dflt(*o.Default).code), nil
	case set == 1 && o.AddCheck != nil:
		return call("op", "AddDomainCheck", name, g.check(o.AddCheck, pointer).code), nil
	case set == 1 && o.DropCheck != "":
		return call("op", "DropDomainCheck", name, goString(o.DropCheck).code), nil
	}
	var fs fields
	fs.str("Name", o.Name)
	if o.NotNull != nil {
		fs.add("NotNull", lit{code: jen.Func().Params().Op("*").Bool().Block(
			jen.Id("v").Op(":=").Lit(*o.NotNull), jen.Return(jen.Op("&").Id("v"))).Call()})
	}
	if o.Default != nil {
		fs.add("Default", lit{code: jen.Op("&").Add(g.defaultLiteral(*o.Default).code)})
	}
	if o.AddCheck != nil {
		fs.add("AddCheck", g.check(o.AddCheck, pointer))
	}
	fs.str("DropCheck", o.DropCheck)
	return call("op", "Add", mig("AlterDomain").Add(braces(fs.items, true))), nil
}

// batch renders op.Batch(table, func(b *migrations.BatchOp) { ... }).
func (g *gen) batch(o migrations.Batch) (*jen.Statement, error) {
	stmts := make([]jen.Code, 0, len(o.Ops))
	for i, inner := range o.Ops {
		inner, err := deref(inner)
		if err != nil {
			return nil, fmt.Errorf("step %d: %w", i+1, err)
		}
		if t := tableName(inner); t != o.Table {
			return nil, fmt.Errorf("step %d (%s): a batch on table %q holds a change to table %q", i+1, describe(inner), o.Table, t)
		}
		s, err := g.tableOperation("b", inner)
		if err != nil {
			return nil, fmt.Errorf("step %d (%s): %w", i+1, describe(inner), err)
		}
		stmts = append(stmts, s)
	}
	fn := jen.Func().Params(jen.Id("b").Op("*").Add(mig("BatchOp"))).Block(stmts...)
	return call("op", "Batch", goString(o.Table).code, fn), nil
}
