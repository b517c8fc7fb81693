using System.Reflection;
using System.Reflection.Emit;

namespace Sora.Integration.Tests.Support;

/// <summary>
/// The methods a type's compiled code calls, read from its IL: its own methods, its lambdas and closures, and the state
/// machines of its async methods (where the body of an async method actually lives). Decoded opcode by opcode, so an
/// operand is never mistaken for an instruction.
/// </summary>
public static class IlCalls
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every method called (or whose address is taken) by code in <paramref name="type"/> and its nested types.</summary>
    public static IEnumerable<MethodBase> Of(Type type)
    {
        foreach (var nested in type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic))
        foreach (var call in Of(nested))
            yield return call;
        foreach (var method in type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything)))
        foreach (var call in Of(method))
            yield return call;
    }

    public static IEnumerable<MethodBase> Of(MethodBase method)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (Exception) { yield break; }
        if (il is null) yield break;
        var typeArgs = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at];
            if (value == 0xFE) value = (short)(0xFE00 | il[++at]);
            at++;
            if (!OpCodesByValue.TryGetValue(value, out var opcode)) yield break; // not IL we understand: stop rather than guess
            var operand = OperandSize(opcode.OperandType, il, at);
            if (opcode.OperandType == OperandType.InlineMethod)
            {
                MethodBase? called = null;
                try { called = method.Module.ResolveMethod(BitConverter.ToInt32(il, at), typeArgs, methodArgs); }
                catch (Exception) { /* a token from a generic context we cannot instantiate: skip it */ }
                if (called is not null) yield return called;
            }
            at += operand;
        }
    }

    private static int OperandSize(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
        _ => 4,
    };
}
