// Package optest writes migration operations as JSON records that carry
// their Go type, so that render's tests can compare what a generated file
// records when it runs with the operations it was rendered from.
//
// It is a test helper: the programs those tests build import it too.
package optest

import (
	"fmt"
	"reflect"

	"github.com/autogen-dev/autogen/migrations"
)

// Record is one operation: its type, and its fields (for a Batch, its
// table and its operations as records).
type Record struct {
	Type  string   `json:"type"`
	Value any      `json:"value,omitempty"`
	Table string   `json:"table,omitempty"`
	Ops   []Record `json:"ops,omitempty"`
}

// Records converts ops; an operation given by pointer is recorded as the
// value it points to, as the builder methods of migrations.Op record it.
func Records(ops []migrations.Operation) []Record {
	out := []Record{}
	for _, op := range ops {
		if v := reflect.ValueOf(op); v.Kind() == reflect.Pointer && !v.IsNil() {
			op = v.Elem().Interface().(migrations.Operation)
		}
		r := Record{Type: fmt.Sprintf("%T", op), Value: op}
		if b, ok := op.(migrations.Batch); ok {
			r.Value, r.Table, r.Ops = nil, b.Table, Records(b.Ops)
		}
		out = append(out, r)
	}
	return out
}

// Migration is a migration as recorded: its fields and the operations its
// functions record.
type Migration struct {
	Revision      string   `json:"revision"`
	DownRevisions []string `json:"down_revisions"`
	Message       string   `json:"message"`
	Created       string   `json:"created"`
	Upgrade       []Record `json:"upgrade"`
	Downgrade     []Record `json:"downgrade"`
}

// Recorded runs m's functions and records what they do.
func Recorded(m *migrations.Migration) (Migration, error) {
	up, err := m.Ops(true)
	if err != nil {
		return Migration{}, err
	}
	down, err := m.Ops(false)
	if err != nil {
		return Migration{}, err
	}
	return Migration{
		Revision:      m.Revision,
		DownRevisions: m.DownRevisions,
		Message:       m.Message,
		Created:       m.Created,
		Upgrade:       Records(up),
		Downgrade:     Records(down),
	}, nil
}
