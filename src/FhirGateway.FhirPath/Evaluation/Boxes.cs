namespace FhirGateway.FhirPath.Evaluation;

/// <summary>Shared boxes for the values evaluation produces most, so results do not allocate for them.</summary>
internal static class Boxes
{
    public static readonly object True = true;
    public static readonly object False = false;

    private const int SmallMin = -16;
    private const int SmallMax = 1024;
    private static readonly object[] SmallIntegers = CreateIntegers();

    public static object Bool(bool value) => value ? True : False;

    public static object Integer(long value) =>
        value is >= SmallMin and <= SmallMax ? SmallIntegers[value - SmallMin] : value;

    private static object[] CreateIntegers()
    {
        var result = new object[SmallMax - SmallMin + 1];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = (long)(i + SmallMin);
        }

        return result;
    }
}
