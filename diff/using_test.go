package diff

import (
	"testing"

	"github.com/autogen-dev/autogen/schema"
)

func TestPgUsing(t *testing.T) {
	mood := &schema.Enum{Name: "mood", Values: []string{"a"}}
	word := &schema.Domain{Name: "word", Type: schema.Text}
	count := &schema.Domain{Name: "count", Type: schema.Integer}
	s := &schema.Schema{Enums: []*schema.Enum{mood, {Name: "tone", Values: []string{"a"}}}, Domains: []*schema.Domain{word, count}}
	c := &comparer{d: schema.Postgres, from: s, to: s}
	inet := schema.NativeType(schema.SQL{schema.Postgres: "inet"})
	citext := schema.NativeType(schema.SQL{schema.Postgres: "citext"})
	for _, tc := range []struct {
		from, to schema.Type
		want     string
	}{
		{schema.Integer, schema.BigInt, ""},
		{schema.Varchar(20), schema.Varchar(5), ""}, // assignment fails on a long value; USING would cut it
		{schema.Integer, schema.Text, ""},
		{inet, citext, ""},
		{schema.Timestamp, schema.TimestampTZ, ""},
		{schema.JSON, schema.JSONText, ""},
		{mood.Type(), mood.Type(), ""},
		{schema.Text, schema.JSON, `"c"::jsonb`},
		{schema.Varchar(10), schema.Integer, `"c"::integer`},
		{schema.DomainType("word"), inet, `"c"::inet`},
		{schema.Boolean, schema.Integer, `"c"::integer`},
		{schema.Integer, schema.JSON, `"c"::text::jsonb`},
		{schema.DomainType("count"), schema.JSON, `"c"::text::jsonb`},
		{schema.Text, mood.Type(), `"c"::text::"mood"`},
		{mood.Type(), schema.EnumType("tone"), `"c"::text::"tone"`},
		{schema.ArrayOf(schema.Text), schema.ArrayOf(mood.Type()), `"c"::text::"mood"[]`},
		{inet, schema.JSON, `"c"::text::jsonb`},
		{inet, schema.NativeType(schema.SQL{schema.Postgres: "cidr"}), ""},
	} {
		if got := c.pgUsing("c", tc.from, tc.to); got != tc.want {
			t.Errorf("%v → %v: USING %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}
