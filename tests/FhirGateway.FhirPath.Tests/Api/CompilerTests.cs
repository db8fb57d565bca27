using FhirGateway.FhirPath.Tests.TestSupport;

namespace FhirGateway.FhirPath.Tests.Api;

public sealed class CompilerTests
{
    [Fact]
    public void Expressions_are_compiled_once_and_cached()
    {
        var compiler = new FhirPathCompiler();
        var first = compiler.Compile("name.where(use = 'official').given");
        Assert.Same(first, compiler.Compile("name.where(use = 'official').given"));
        Assert.NotSame(first, compiler.Compile("name.given"));
        Assert.Equal(2, compiler.CachedCount);
        Assert.Same(FhirPathExpression.Parse("1 + 1"), FhirPathExpression.Parse("1 + 1"));
    }

    [Fact]
    public void The_context_type_is_part_of_the_cache_key()
    {
        var compiler = new FhirPathCompiler(new FhirPathCompileOptions { Strict = true });
        Assert.NotSame(compiler.Compile("id", "Patient"), compiler.Compile("id", "Observation"));
        Assert.NotSame(compiler.Compile("id"), compiler.Compile("id", "Patient"));
    }

    [Fact]
    public void The_cache_starts_over_when_full()
    {
        var compiler = new FhirPathCompiler(capacity: 3);
        for (var i = 0; i < 10; i++)
        {
            compiler.Compile($"{i} + 1");
            Assert.InRange(compiler.CachedCount, 1, 3);
        }
    }

    [Fact]
    public void Failed_compilations_are_not_cached()
    {
        var compiler = new FhirPathCompiler();
        Assert.Throws<FhirPathSyntaxException>(() => compiler.Compile("1 +"));
        Assert.Equal(0, compiler.CachedCount);
    }

    [Fact]
    public void Compilation_and_evaluation_are_thread_safe()
    {
        var compiler = new FhirPathCompiler();
        var expressions = Enumerable.Range(0, 50).Select(i => $"name.given.count() + {i}").ToArray();
        var results = new long[2000];
        Parallel.For(0, results.Length, i =>
        {
            var expression = compiler.Compile(expressions[i % expressions.Length]);
            results[i] = (long)expression.Evaluate(Fhp.Patient)[0];
        });

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(3 + (i % expressions.Length), results[i]);
        }

        Assert.Equal(expressions.Length, compiler.CachedCount);
    }

    [Fact]
    public void Evaluation_allocates_little_beyond_the_result()
    {
        var expression = FhirPathExpression.Parse("Patient.name.where(use = 'official').given.first() = 'Peter' and birthDate < @2000-01-01");
        var output = new List<object>(4);
        for (var i = 0; i < 10; i++)
        {
            output.Clear();
            expression.Evaluate(Fhp.Patient, null, output);
        }

        const int Runs = 1000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Runs; i++)
        {
            output.Clear();
            expression.Evaluate(Fhp.Patient, null, output);
        }

        var perRun = (GC.GetAllocatedBytesForCurrentThread() - before) / Runs;
        Assert.Equal(true, output[0]);

        // Converting the FHIR birthDate to a System Date (a boxed value) is all that allocates.
        Assert.True(perRun <= 128, $"{perRun} bytes per evaluation");
    }
}
