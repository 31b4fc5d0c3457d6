/**
 * The TensorFlow SavedModel front end: chooses a meta graph and signature, inlines the function
 * calls its outputs need ({@link io.nnport.frontend.savedmodel.FunctionInliner}), replaces
 * variables by their checkpointed values ({@link io.nnport.frontend.savedmodel.Variables}, read by
 * {@link io.nnport.frontend.savedmodel.TensorBundle} from the tensor bundle's sorted string table
 * and data shards), and hands the frozen graph to the TensorFlow GraphDef front end.
 */
package io.nnport.frontend.savedmodel;
