package io.hiveiot.deviceapi.protobuf;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MessageOptions;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors;
import com.squareup.wire.Syntax;
import com.squareup.wire.schema.Field;
import com.squareup.wire.schema.Location;
import com.squareup.wire.schema.internal.parser.EnumConstantElement;
import com.squareup.wire.schema.internal.parser.EnumElement;
import com.squareup.wire.schema.internal.parser.FieldElement;
import com.squareup.wire.schema.internal.parser.MessageElement;
import com.squareup.wire.schema.internal.parser.OneOfElement;
import com.squareup.wire.schema.internal.parser.ProtoFileElement;
import com.squareup.wire.schema.internal.parser.ProtoParser;
import com.squareup.wire.schema.internal.parser.TypeElement;

import java.util.List;
import java.util.Map;

/**
 * Turns the text of a {@code .proto} schema into protobuf-java descriptors: Square's Wire parses the text (as it
 * does in ThingsBoard, and protobuf-java has no parser), and the parsed file is described as a
 * {@link FileDescriptorProto}, which protobuf-java builds and links. As in ThingsBoard, a schema is one
 * self-contained proto3 file: no imports, no options, no extensions.
 */
final class SchemaCompiler {

    private static final Location LOCATION = Location.get("profile.proto");
    private static final Map<String, FieldDescriptorProto.Type> SCALARS = Map.ofEntries(
            Map.entry("double", FieldDescriptorProto.Type.TYPE_DOUBLE),
            Map.entry("float", FieldDescriptorProto.Type.TYPE_FLOAT),
            Map.entry("int64", FieldDescriptorProto.Type.TYPE_INT64),
            Map.entry("uint64", FieldDescriptorProto.Type.TYPE_UINT64),
            Map.entry("int32", FieldDescriptorProto.Type.TYPE_INT32),
            Map.entry("fixed64", FieldDescriptorProto.Type.TYPE_FIXED64),
            Map.entry("fixed32", FieldDescriptorProto.Type.TYPE_FIXED32),
            Map.entry("bool", FieldDescriptorProto.Type.TYPE_BOOL),
            Map.entry("string", FieldDescriptorProto.Type.TYPE_STRING),
            Map.entry("bytes", FieldDescriptorProto.Type.TYPE_BYTES),
            Map.entry("uint32", FieldDescriptorProto.Type.TYPE_UINT32),
            Map.entry("sfixed32", FieldDescriptorProto.Type.TYPE_SFIXED32),
            Map.entry("sfixed64", FieldDescriptorProto.Type.TYPE_SFIXED64),
            Map.entry("sint32", FieldDescriptorProto.Type.TYPE_SINT32),
            Map.entry("sint64", FieldDescriptorProto.Type.TYPE_SINT64));

    private SchemaCompiler() {}

    /** @throws SchemaException with a reason fit for an operator when the text is no usable proto3 schema */
    static Descriptors.FileDescriptor compile(final String text) throws SchemaException {
        final ProtoFileElement file;
        try {
            file = ProtoParser.Companion.parse(LOCATION, text);
        } catch (final RuntimeException e) {
            throw new SchemaException("does not parse: " + e.getMessage());
        }
        if (file.getSyntax() != Syntax.PROTO_3) {
            throw new SchemaException("must declare syntax = \"proto3\"");
        }
        if (!file.getImports().isEmpty()
                || !file.getPublicImports().isEmpty()
                || !file.getOptions().isEmpty()
                || !file.getExtendDeclarations().isEmpty()) {
            throw new SchemaException("must not have imports, options or extensions");
        }
        if (file.getTypes().stream().noneMatch(MessageElement.class::isInstance)) {
            throw new SchemaException("has no message");
        }
        final FileDescriptorProto.Builder proto =
                FileDescriptorProto.newBuilder().setName("profile.proto").setSyntax("proto3");
        if (file.getPackageName() != null) {
            proto.setPackage(file.getPackageName());
        }
        for (final TypeElement type : file.getTypes()) {
            if (type instanceof MessageElement message) {
                proto.addMessageType(message(message));
            } else if (type instanceof EnumElement enumeration) {
                proto.addEnumType(enumeration(enumeration));
            }
        }
        try {
            return Descriptors.FileDescriptor.buildFrom(proto.build(), new Descriptors.FileDescriptor[0]);
        } catch (final Descriptors.DescriptorValidationException | IllegalArgumentException e) {
            throw new SchemaException("is not valid: " + e.getMessage());
        }
    }

    /** The last top-level message of a schema, the one ThingsBoard uses. */
    static Descriptors.Descriptor lastMessage(final Descriptors.FileDescriptor file) {
        final List<Descriptors.Descriptor> messages = file.getMessageTypes();
        return messages.get(messages.size() - 1);
    }

    private static DescriptorProto message(final MessageElement element) throws SchemaException {
        final DescriptorProto.Builder message = DescriptorProto.newBuilder().setName(element.getName());
        for (final TypeElement nested : element.getNestedTypes()) {
            if (nested instanceof MessageElement nestedMessage) {
                message.addNestedType(message(nestedMessage));
            } else if (nested instanceof EnumElement nestedEnum) {
                message.addEnumType(enumeration(nestedEnum));
            }
        }
        for (final FieldElement field : element.getFields()) {
            message.addField(field(message, field, -1));
        }
        final List<OneOfElement> oneOfs = element.getOneOfs();
        for (int i = 0; i < oneOfs.size(); i++) {
            message.addOneofDecl(
                    OneofDescriptorProto.newBuilder().setName(oneOfs.get(i).getName()));
            for (final FieldElement field : oneOfs.get(i).getFields()) {
                message.addField(field(message, field, i));
            }
        }
        // proto3 "optional" fields each get a synthetic oneof, declared after the real ones, as protoc does.
        for (int i = 0; i < message.getFieldCount(); i++) {
            final FieldDescriptorProto field = message.getField(i);
            if (field.getProto3Optional()) {
                final int index = message.getOneofDeclCount();
                message.addOneofDecl(OneofDescriptorProto.newBuilder().setName("_" + field.getName()));
                message.setField(i, field.toBuilder().setOneofIndex(index));
            }
        }
        return message.build();
    }

    private static FieldDescriptorProto field(
            final DescriptorProto.Builder message, final FieldElement element, final int oneOf) throws SchemaException {
        final FieldDescriptorProto.Builder field = FieldDescriptorProto.newBuilder()
                .setName(element.getName())
                .setNumber(element.getTag())
                .setJsonName(jsonName(element.getName()));
        final Field.Label label = element.getLabel();
        if (label == Field.Label.REQUIRED || element.getDefaultValue() != null) {
            throw new SchemaException("uses required fields or default values, which proto3 has not");
        }
        field.setLabel(
                label == Field.Label.REPEATED
                        ? FieldDescriptorProto.Label.LABEL_REPEATED
                        : FieldDescriptorProto.Label.LABEL_OPTIONAL);
        if (label == Field.Label.OPTIONAL && oneOf < 0) {
            field.setProto3Optional(true);
        }
        if (oneOf >= 0) {
            field.setOneofIndex(oneOf);
        }
        final String type = element.getType();
        if (type.startsWith("map<")) {
            mapField(message, field, element.getName(), type);
        } else {
            type(field, type);
        }
        return field.build();
    }

    /** {@code map<K,V> name} is a repeated field of a nested entry message, as protoc compiles it. */
    private static void mapField(
            final DescriptorProto.Builder message,
            final FieldDescriptorProto.Builder field,
            final String name,
            final String type)
            throws SchemaException {
        final int comma = type.indexOf(',');
        if (comma < 0 || !type.endsWith(">")) {
            throw new SchemaException("has a map field '" + name + "' it cannot read");
        }
        final String entryName =
                Character.toUpperCase(name.charAt(0)) + jsonName(name).substring(1) + "Entry";
        final FieldDescriptorProto.Builder key = FieldDescriptorProto.newBuilder()
                .setName("key")
                .setNumber(1)
                .setJsonName("key")
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
        type(key, type.substring(4, comma).trim());
        final FieldDescriptorProto.Builder value = FieldDescriptorProto.newBuilder()
                .setName("value")
                .setNumber(2)
                .setJsonName("value")
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL);
        type(value, type.substring(comma + 1, type.length() - 1).trim());
        message.addNestedType(DescriptorProto.newBuilder()
                .setName(entryName)
                .addField(key)
                .addField(value)
                .setOptions(MessageOptions.newBuilder().setMapEntry(true)));
        field.setLabel(FieldDescriptorProto.Label.LABEL_REPEATED)
                .clearProto3Optional()
                .setTypeName(entryName);
    }

    private static void type(final FieldDescriptorProto.Builder field, final String type) {
        final FieldDescriptorProto.Type scalar = SCALARS.get(type);
        if (scalar != null) {
            field.setType(scalar);
        } else {
            // A message or enum: protobuf-java resolves the name in scope when it links the file.
            field.setTypeName(type);
        }
    }

    private static EnumDescriptorProto enumeration(final EnumElement element) {
        final EnumDescriptorProto.Builder enumeration =
                EnumDescriptorProto.newBuilder().setName(element.getName());
        for (final EnumConstantElement constant : element.getConstants()) {
            enumeration.addValue(EnumValueDescriptorProto.newBuilder()
                    .setName(constant.getName())
                    .setNumber(constant.getTag()));
        }
        return enumeration.build();
    }

    /** protoc's JSON name: {@code sensor_value} is {@code sensorValue}. */
    private static String jsonName(final String name) {
        final StringBuilder json = new StringBuilder(name.length());
        boolean upper = false;
        for (final char c : name.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                json.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return json.toString();
    }
}
