namespace Sora.Render.Models.Onnx;

/// <summary>An integer or integer-list attribute of a node (axes, keepdims, the type a Cast goes to).</summary>
public sealed record OnnxAttribute(string Name, long[] Values, bool List)
{
    public static OnnxAttribute Int(string name, long value) => new(name, [value], false);
    public static OnnxAttribute Ints(string name, params long[] values) => new(name, values, true);
}

/// <summary>
/// Writes an ONNX model (IR 8, opset 13) from nodes, float and int64 initializers and float tensor inputs/outputs.
/// Field numbers follow onnx.proto (ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto, ValueInfoProto);
/// only what a feed-forward float graph needs is supported.
/// </summary>
public sealed class OnnxGraphBuilder(string name)
{
    private readonly List<ProtoWriter> _nodes = [];
    private readonly List<ProtoWriter> _initializers = [];
    private readonly List<ProtoWriter> _inputs = [];
    private readonly List<ProtoWriter> _outputs = [];
    private int _counter;

    /// <summary>Declares a float input; null dimensions are symbolic (batch sizes).</summary>
    public string Input(string input, params long?[] dims)
    {
        _inputs.Add(ValueInfo(input, dims));
        return input;
    }

    public void Output(string output, params long?[] dims) => _outputs.Add(ValueInfo(output, dims));

    public string Constant(string prefix, float[] values, params long[] dims) => Initializer(prefix, dims, 1, t => t.PackedFloats(4, values)); // FLOAT

    /// <summary>An int64 initializer (indices for Gather, axes).</summary>
    public string Int64Constant(string prefix, long[] values, params long[] dims) => Initializer(prefix, dims, 7, t => t.PackedVarints(7, values)); // INT64

    /// <summary>A TensorProto initializer: dims (1), data_type (2), the values' field, name (8).</summary>
    private string Initializer(string prefix, long[] dims, int dataType, Action<ProtoWriter> values)
    {
        var id = $"{prefix}_{_counter++}";
        var tensor = new ProtoWriter();
        foreach (var d in dims) tensor.Varint(1, d);
        tensor.Varint(2, dataType);
        values(tensor);
        tensor.String(8, id);
        _initializers.Add(tensor);
        return id;
    }

    /// <summary>A float scalar (broadcasts against anything).</summary>
    public string Scalar(float value) => Constant("s", [value]);

    /// <summary>Adds a node and returns the name of its (single) output.</summary>
    public string Node(string opType, params string[] inputs) => NodeNamed(opType, $"{opType.ToLowerInvariant()}_{_counter++}", inputs);

    public string Node(string opType, OnnxAttribute[] attributes, params string[] inputs) =>
        NodeNamed(opType, $"{opType.ToLowerInvariant()}_{_counter++}", attributes, inputs);

    public string NodeNamed(string opType, string output, params string[] inputs) => NodeNamed(opType, output, [], inputs);

    public string NodeNamed(string opType, string output, OnnxAttribute[] attributes, params string[] inputs)
    {
        var node = new ProtoWriter();
        foreach (var input in inputs) node.String(1, input);
        node.String(2, output);
        node.String(3, $"n{_counter++}");
        node.String(4, opType);
        foreach (var a in attributes)
        {
            var attribute = new ProtoWriter().String(1, a.Name);
            if (a.List)
                foreach (var v in a.Values) attribute.Varint(8, v);
            else attribute.Varint(3, a.Values[0]);
            attribute.Varint(20, a.List ? 7 : 2); // INTS or INT
            node.Message(5, attribute);
        }
        _nodes.Add(node);
        return output;
    }

    public byte[] Build(string producer)
    {
        var graph = new ProtoWriter();
        foreach (var node in _nodes) graph.Message(1, node);
        graph.String(2, name);
        foreach (var init in _initializers) graph.Message(5, init);
        foreach (var input in _inputs) graph.Message(11, input);
        foreach (var output in _outputs) graph.Message(12, output);

        var model = new ProtoWriter()
            .Varint(1, 8) // ir_version
            .String(2, producer)
            .String(3, "1")
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, 13));
        return model.ToArray();
    }

    private static ProtoWriter ValueInfo(string name, long?[] dims)
    {
        var shape = new ProtoWriter();
        for (var i = 0; i < dims.Length; i++)
            shape.Message(1, dims[i] is { } value ? new ProtoWriter().Varint(1, value) : new ProtoWriter().String(2, $"{name}_d{i}"));
        var tensorType = new ProtoWriter().Varint(1, 1).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
