using FhirGateway.FhirPath.Tests.TestSupport;
using FhirGateway.FhirPath.Values;

namespace FhirGateway.FhirPath.Tests.Parsing;

public sealed class ParserTests
{
    [Theory]
    [InlineData("2 + 2 /", 7)]
    [InlineData("name.", 5)]
    [InlineData("name.given(", 11)]
    [InlineData("'unterminated", 0)]
    [InlineData("(1 + 2", 6)]
    [InlineData("1 2", 2)]
    [InlineData("a and", 5)]
    [InlineData("@2015-13-01", 0)]
    [InlineData("$that", 0)]
    [InlineData("1 + /* open", 4)]
    [InlineData("{ 1 }", 2)]
    [InlineData("and", 0)]
    public void Syntax_errors_carry_the_position(string expression, int position)
    {
        var e = Assert.Throws<FhirPathSyntaxException>(() => FhirPathExpression.Parse(expression));
        Assert.Equal(position, e.Position);
    }

    [Theory]
    [InlineData("name.noSuchFunction()")]
    [InlineData("name.where()")]
    [InlineData("name.first(1)")]
    [InlineData("substring(1, 2, 3)")]
    [InlineData("name.ofType(1 + 1)")]
    public void Unknown_functions_and_wrong_arguments_are_semantic_errors(string expression)
    {
        Assert.Throws<FhirPathSemanticException>(() => FhirPathExpression.Parse(expression));
    }

    [Theory]
    [InlineData("1 + 2 * 3 = 7")]
    [InlineData("(1 + 2) * 3 = 9")]
    [InlineData("10 - 4 - 3 = 3")]
    [InlineData("16 / 4 / 2 = 2")]
    [InlineData("7 div 2 * 2 = 6")]
    [InlineData("'a' & 'b' + 'c' = 'abc'")]
    [InlineData("-1.abs() = -1")]
    [InlineData("(-1).abs() = 1")]
    [InlineData("-2 * 3 = -6")]
    [InlineData("(1 | 1 is Integer).count() = 2")]
    [InlineData("1 | 2 = 1 | 2")]
    [InlineData("2 > 1 = true")]
    [InlineData("1 in 1 | 2")]
    [InlineData("(1 in (1 | 2) = true) = false")]
    [InlineData("true or false and false")]
    [InlineData("(false and false or true) = true")]
    [InlineData("false implies false or false")]
    [InlineData("(true xor true) = false")]
    [InlineData("5 mod 3 + 1 = 3")]
    public void Operators_follow_the_precedence_table(string expression)
    {
        Assert.True(Fhp.True(expression), expression);
    }

    [Fact]
    public void Comments_whitespace_and_delimited_names()
    {
        Assert.True(Fhp.True("/* a */ Patient.`name`.given // trailing\n .first() = 'Peter'", Fhp.Patient));
        Assert.True(Fhp.True("Patient\r\n\t.name.count() = 2", Fhp.Patient));
    }

    [Theory]
    [InlineData(@"'\'' = '\u0027'")]
    [InlineData(@"'\u0041\t' = 'A' + '\t'")]
    [InlineData(@"'\\'.length() = 1")]
    [InlineData(@"'\p' = 'p'")]
    [InlineData(@"'\`\""' = '`' + '""'")]
    public void String_escapes(string expression)
    {
        Assert.True(Fhp.True(expression), expression);
    }

    [Theory]
    [InlineData("1", typeof(long))]
    [InlineData("1.0", typeof(decimal))]
    [InlineData("'x'", typeof(string))]
    [InlineData("true", typeof(bool))]
    [InlineData("@2015", typeof(PartialDate))]
    [InlineData("@2015T", typeof(PartialDateTime))]
    [InlineData("@2015-02-04T14:34:28.123+10:00", typeof(PartialDateTime))]
    [InlineData("@T14", typeof(PartialTime))]
    [InlineData("4 days", typeof(Quantity))]
    [InlineData("10.5 'mg'", typeof(Quantity))]
    public void Literals_have_their_system_types(string expression, Type type)
    {
        Assert.IsType(type, Fhp.One(expression));
    }

    [Fact]
    public void A_time_literal_with_an_offset_is_rejected()
    {
        Assert.Throws<FhirPathSemanticException>(() => FhirPathExpression.Parse("@T14:34:28Z"));
    }

    [Fact]
    public void Keywords_that_may_be_names_work_as_functions()
    {
        Assert.True(Fhp.True("'abc'.contains('b') and ((1 | 2) contains 2)"));
        Assert.True(Fhp.True("Patient.name.where(use.contains('off')).count() = 1", Fhp.Patient));
    }
}
