/**
 * Annotations on meeting documents (issue 11): ink, highlights, notes and shapes, private or shared, merged across
 * devices that work offline, carried to new versions, exported as standard PDF annotations and XFDF. This is the
 * feature's pure part; its commands, events, store and routes come with the feature-slice core. The draft rules
 * AN1–AN14 are in docs/protocol.md §14, the merge design is D19 in docs/decisions.md.
 *
 * <ul>
 *   <li>Model: {@link org.plenum.server.annotation.Annotation} (what a viewer sees), {@link
 *       org.plenum.server.annotation.Shape} per kind, {@link org.plenum.server.annotation.Placement} (page and
 *       shape), {@link org.plenum.server.annotation.Style}, {@link org.plenum.server.annotation.Visibility} with
 *       {@code admits}, {@link org.plenum.server.annotation.Annotation#visibleTo} — the one visibility rule every
 *       read path applies.
 *   <li>Merge: {@link org.plenum.server.annotation.AnnotationOp} stamped by {@link
 *       org.plenum.server.annotation.HlcClock}; {@link org.plenum.server.annotation.AnnotationState#apply} merges one
 *       operation into one annotation's registers; {@link org.plenum.server.annotation.AnnotationReplica} holds many.
 *       A store keeps one row per annotation with a column and a stamp per register (or the operations and folds
 *       them); {@link org.plenum.server.annotation.AnnotationJson} reads and writes operations, views and states.
 *   <li>Admission: {@link org.plenum.server.annotation.AnnotationRules} (content against {@link
 *       org.plenum.server.annotation.AnnotationLimits}, permissions, quotas, clock), each failure a typed
 *       {@link org.plenum.server.core.error.PlenumException}.
 *   <li>Blocking PDFBox work, for worker threads: {@link org.plenum.server.annotation.TextLayerReader}, {@link
 *       org.plenum.server.annotation.AnnotatedPdf}, {@link org.plenum.server.annotation.Xfdf}. Pure on their
 *       results: {@link org.plenum.server.annotation.Reanchoring}, {@link org.plenum.server.annotation.AnnotationSearch}.
 * </ul>
 *
 * No Vert.x, SQL or web types here; JSON is Jackson trees.
 */
package org.plenum.server.annotation;
